// Types for dynalite 4.0, which ships none: the factory in its index.js and the options it reads.
declare module "dynalite" {
	import type { Server } from "node:http";

	interface DynaliteOptions {
		/** Milliseconds a new table stays CREATING. @default 500 */
		createTableMs?: number;
		/** Milliseconds a deleted table stays DELETING. @default 500 */
		deleteTableMs?: number;
		/** Milliseconds an updated table stays UPDATING. @default 500 */
		updateTableMs?: number;
		/** Maximum item size in KB. @default 400 */
		maxItemSizeKb?: number;
		/** LevelDB folder. Tables stay in memory when it is absent. */
		path?: string;
		ssl?: boolean;
		verbose?: boolean;
		debug?: boolean;
	}

	/** Creates an HTTP server that speaks DynamoDB's JSON protocol. Call `listen` to start it. */
	function dynalite(options?: DynaliteOptions): Server;
	export = dynalite;
}
