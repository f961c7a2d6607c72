// Visiting care (issue 20, decision 039): pages, refusals, notices and success messages, zh-CN first.
// Merged into zh-CN.ts and en.ts under `care`, `refusals.care`, `notify.care_*` and `toast.care`.

export const careRefusalsZhCN = {
  invalid: '填写有误，请检查',
  reason: { required: '手动调整分级须写明原因' },
  tier: { invalid: '请选择分级' },
  rules: { invalid: '规则不完整：每个分级都要有探访频次和至少一种计入方式', taken: '该日期已有一版规则，请换一个生效日期' },
  effectiveFrom: { past: '生效日期不能早于今天（已生效的规则不可改写）' },
  kind: { invalid: '请选择类型' },
  period: { invalid: '请填写正确的起止日期（结束不早于开始，且尚未结束）' },
  volunteer: { invalid: '请选择本社区在册的志愿者或党员（不能是本人）' },
  worker: { invalid: '请选择本社区的网格员' },
  visitedAt: { invalid: '走访时间不能晚于现在，也不能早于 62 天前' },
  need: { required: '请选择诉求类别并写明需求' },
  notFound: '没有找到这位关爱对象',
  grid: { notFound: '没有找到这个网格' },
  visit: { taken: '这条走访记录的编号已被另一位居民的记录使用' },
};

export const careRefusalsEn: typeof careRefusalsZhCN = {
  invalid: 'Please check what you entered',
  reason: { required: 'A tier set by hand needs a reason' },
  tier: { invalid: 'Choose a tier' },
  rules: { invalid: 'Incomplete rules: every tier needs a frequency and at least one kind of contact that counts', taken: 'A version already starts on that date; choose another' },
  effectiveFrom: { past: 'The start date cannot be before today (rules in force are not rewritten)' },
  kind: { invalid: 'Choose a kind' },
  period: { invalid: 'Enter valid first and last days (last not before first, not already over)' },
  volunteer: { invalid: 'Choose a volunteer or party member of the register (not the person themselves)' },
  worker: { invalid: 'Choose a grid worker of the community' },
  visitedAt: { invalid: 'A visit cannot be dated in the future or more than 62 days ago' },
  need: { required: 'Choose the category and say what is needed' },
  notFound: 'No such care recipient',
  grid: { notFound: 'No such grid' },
  visit: { taken: 'This visit id is already used by another person’s visit' },
};

export const careNotifyZhCN = {
  care_visit_due_soon: { subject: '探访即将到期：{{who}}', body: '关爱对象 {{who}}（{{community}}）的探访将于 {{due}} 到期，请尽快走访。' },
  care_visit_overdue: { subject: '探访已超期：{{who}}', body: '关爱对象 {{who}}（{{community}}）的探访已于 {{due}} 到期未完成，请尽快走访。' },
  care_major_change: { subject: '重大变故，24 小时内探访：{{who}}', body: '关爱对象 {{who}}（{{community}}）发生重大变故，请在 {{due}} 前入户探访。' },
  care_same_day: { subject: '当日探访任务', body: '{{community}}：一位独居关爱对象今天未到助餐点用餐，请在 {{due}} 前探访或联系。' },
  care_handover: { subject: '网格移交：{{count}} 位关爱对象', body: '{{community}}已将 {{count}} 位关爱对象移交给您，附最近三次走访情况，请在关爱名册中查看。' },
};

export const careNotifyEn: typeof careNotifyZhCN = {
  care_visit_due_soon: { subject: 'Visit due soon: {{who}}', body: 'The visit to {{who}} ({{community}}) is due by {{due}}.' },
  care_visit_overdue: { subject: 'Visit overdue: {{who}}', body: 'The visit to {{who}} ({{community}}) was due by {{due}} and has not been made.' },
  care_major_change: { subject: 'Major change, visit within 24 hours: {{who}}', body: '{{who}} ({{community}}) had a major change; visit at home before {{due}}.' },
  care_same_day: { subject: 'Visit today', body: '{{community}}: a care recipient living alone missed a meal today; visit or call before {{due}}.' },
  care_handover: { subject: 'Grid handed over: {{count}} care recipients', body: '{{community}} handed {{count}} care recipients over to you, with their last three visits; see the care roster.' },
};
