// Microsoft's Office add-in lint rules (eslint-plugin-office-addins, as office-addin-lint configures
// them in the Office add-in templates), applied to everything we ship.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import importPlugin from "eslint-plugin-import";

export default [
  { ignores: ["dist/**", "lib/**", "node_modules/**", "coverage/**"] },
  ...officeAddins.configs.recommended,
  {
    files: ["src/**/*.ts"],
    languageOptions: {
      // The plugin's own config names the parser through a default import that this parser version
      // does not have, which silently falls back to espree: name it here.
      parser: tsParser,
      ecmaVersion: "latest",
      globals: {
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
        window: "readonly",
        document: "readonly",
        console: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      // TypeScript checks undefined names (and knows DOM and Node globals); ESLint's copy does not.
      "no-undef": "off",
      // Prettier (office-addin-prettier-config) is the formatter; a file it would change is a lint
      // error, as in the Office add-in templates. `npm run format` fixes it.
      "prettier/prettier": "error",
      // Names starting with _ are deliberately unused (a destructured field left out, a parameter kept
      // for its position).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // XML and sheet names must not carry control characters: the regular expressions that strip them
      // name them on purpose.
      "no-control-regex": "off",
    },
  },
  {
    // No import circles (tests/unit/architecture/layers.test.ts checks type imports too, which this
    // rule skips). Relative imports name .ts files without their extension.
    files: ["src/**/*.ts"],
    plugins: { import: importPlugin },
    settings: {
      "import/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import/resolver": { node: { extensions: [".ts", ".js"] } },
    },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
];
