export declare const TABLE_EXPORTS: string[];
export declare const boundaryPaths: { name: string; importNames: string[]; message: string }[];
export declare const boundaryPatterns: { group: string[]; message: string }[];
export declare const workerBoundary: { files: string[]; rules: Record<string, unknown> };
