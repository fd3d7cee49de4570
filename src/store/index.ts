export * from "./dynamodb-store";
export * from "./errors";
export * from "./grants";
export * from "./locks";
export * from "./quota";
export * from "./table";
export * from "./types";
