import { createSlackHandler } from "./runtime";

/**
 * Lambda entry point for Slack requests through API Gateway HTTP API. It takes two parameters,
 * because Lambda's nodejs24.x runtime rejects handlers with a callback parameter.
 */
export const handler = createSlackHandler();
