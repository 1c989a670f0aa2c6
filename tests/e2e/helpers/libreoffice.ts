/** LibreOffice as the oracle: it lives in bench/lib, shared by the e2e tests and the export bench. */
export * from "../../../bench/lib/libreoffice";
