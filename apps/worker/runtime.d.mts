/** Node's flags for the worker in production (runtime.mjs). */
export declare const WORKER_NODE_ARGS: string[];
/** The bundle's entry, relative to apps/worker. */
export declare const WORKER_ENTRY: string;
