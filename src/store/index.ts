export * from "./dynamodb-store";
export * from "./errors";
export * from "./table";
export * from "./types";
