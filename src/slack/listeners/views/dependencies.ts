import type { RequestDependencies } from "../../requests";

/**
 * Dependencies of the modal, shortcut and options listeners: those of `startRequest`, whose runner
 * also lists registries for the registry picker.
 */
export type ModalListenerDependencies = RequestDependencies;
