export { credentialsMessage } from "./credentials";
export { operationErrorMessage, unexpectedErrorMessage } from "./errors";
export { helpMessage } from "./help";
export { invalidCommandMessage } from "./invalid";
export type { SlackMessage } from "./mrkdwn";
export { outcomeMessage } from "./outcome";
export { workingMessage } from "./working";
