/** Locating the programs the e2e tests and benches run: it lives in bench/lib, shared by both. */
export * from "../../../bench/lib/programs";
