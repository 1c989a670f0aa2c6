/**
 * The in-Excel test page (npm run test:excel): tests/excel/in-excel.ts bundled as ES2017 with
 * ts-loader, like the pane, into test-taskpane.html, served over https with the Office developer
 * certificate on port 3001 (the test manifest's URL) by `webpack serve --config
 * tests/excel/webpack.config.cjs`, which office-addin-debugging starts and waits for.
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const root = path.resolve(__dirname, "../..");
/** The test manifest's SourceLocation: https://localhost:PORT/PAGE. */
const PORT = 3001;
const PAGE = "test-taskpane.html";

module.exports = async (env = {}) => ({
  mode: "development",
  context: root,
  devtool: "source-map",
  entry: { "in-excel": "./tests/excel/in-excel.ts" },
  target: ["web", "es2017"],
  output: { path: path.join(root, "build", "excel-test"), filename: "[name].js", clean: true },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          options: {
            configFile: "tsconfig.pane.json",
            onlyCompileBundledFiles: true,
            compilerOptions: { noEmit: false, sourceMap: true },
          },
        },
      },
    ],
  },
  performance: { hints: false },
  plugins: [
    new HtmlWebpackPlugin({
      filename: PAGE,
      template: "./tests/excel/test-taskpane.html",
      chunks: ["in-excel"],
    }),
    new CopyWebpackPlugin({ patterns: [{ from: "assets/*.png", to: "assets/[name][ext]" }] }),
  ],
  // https with the Office developer certificate, only when serving (building needs no certificate)
  devServer: env.WEBPACK_SERVE && {
    host: "127.0.0.1",
    port: PORT,
    allowedHosts: ["localhost", "127.0.0.1"],
    headers: { "Access-Control-Allow-Origin": "*" },
    server: {
      type: "https",
      options: await require("office-addin-dev-certs").getHttpsServerOptions(),
    },
    static: false,
    hot: false,
    client: false,
  },
});

module.exports.PORT = PORT;
module.exports.PAGE = PAGE;
