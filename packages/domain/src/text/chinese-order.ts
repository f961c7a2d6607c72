// One collator for every list of names shown in Chinese order (streets, communities, grids, buildings): built once,
// because String.prototype.localeCompare with a locale builds one per call, which costs milliseconds on a
// district's thousand communities. Numbers inside names sort as numbers (2号楼 before 10号楼).
const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Compares two names the way a Chinese reader orders them (pinyin), numbers by value. */
export const compareChinese: (a: string, b: string) => number = collator.compare;
