// The co-governance committee (issue 18, decision 037): refusals, messages to residents, timeline lines and pages,
// zh-CN first. Merged into zh-CN.ts and en.ts (refusals under `refusals`, messages under `notify`, timeline lines
// under `resident.events` and `cases.events`, pages under `cogovernance`).

export const cogovernanceRefusalsZhCN = {
  consultation: {
    title: { required: '请填写标题' },
    wishes: { invalid: '请选择本社区的微心愿' },
    unit: { required: '请选择提出议题的共建单位' },
    place: { required: '请填写会议地点或线上会议链接' },
    time: { invalid: '时间不正确（结束时间应晚于开始时间）' },
    agenda: { empty: '议程至少需要一个议题' },
    votes: { invalid: '请填写表决票数（赞成、反对、弃权）', tooMany: '表决票数超过实到人数（{{attending}} 人）' },
    quorum: { notMet: '实到 {{attending}} 人，未达到应到 {{expected}} 人的法定比例，不能形成通过的决议' },
    threshold: { notMet: '赞成 {{for}} 票，未超过实到 {{attending}} 人的规定比例，不能记为通过' },
    rules: { invalid: '比例应大于 0 且不超过 100%' },
    code: { invalid: '码不正确，请核对后重新输入', used: '此码已使用过' },
    objection: { invalid: '请填写意见（最多 500 字）' },
    owner: { invalid: '请选择责任方' },
    progress: { invalid: '进度应为 0 到 100 之间的整数' },
    minutes: { empty: '请先填写会议纪要', approved: '会议纪要已由主持人审定，不能再修改' },
    chairOnly: '只有会议主持人可以审定会议纪要',
    notFound: '没有找到该会议、议题或决议',
    meeting: { closed: '会议已结束（纪要已审定）或已取消，不能再修改记录' },
    item: { decided: '该议题已表决' },
    ballot: { closed: '该议题的投票已结束', open: '该议题已发放投票码' },
    notice: { over: '公示期已结束' },
    registration: { cancelled: '已取消报名' },
  },
  partner: {
    kind: { invalid: '请选择单位类型' },
    mobile: { invalid: '手机号格式不正确（11 位大陆手机号）' },
    notFound: '没有找到该共建单位',
    name: { taken: '已有同名的共建单位' },
    recurrence: { invalid: '周期或时间格式不正确' },
    import: { empty: '文件里没有数据', unreadable: '无法读取文件，请使用 Excel（.xlsx）或 CSV', missingColumns: '缺少必需的列：{{columns}}', tooManyRows: '一次最多导入 {{max}} 行' },
    claim: { taken: '该单位已认领此岗位' },
    occurrence: { recorded: '该场次已登记' },
  },
} as const;

export const cogovernanceRefusalsEn: typeof cogovernanceRefusalsZhCN extends infer T ? Widen<T> : never = {
  consultation: {
    title: { required: 'Enter a title' },
    wishes: { invalid: 'Choose wishes of this community' },
    unit: { required: 'Choose the partner unit that raised the matter' },
    place: { required: 'Enter a place or an online meeting link' },
    time: { invalid: 'Check the time (the end must be after the start)' },
    agenda: { empty: 'The agenda needs at least one matter' },
    votes: { invalid: 'Enter the votes (for, against, abstain)', tooMany: 'More votes than people present ({{attending}})' },
    quorum: { notMet: '{{attending}} of {{expected}} present: below the quorum, the item cannot be adopted' },
    threshold: { notMet: '{{for}} for of {{attending}} present: not above the threshold, the item cannot be adopted' },
    rules: { invalid: 'A share must be above 0 and at most 100%' },
    code: { invalid: 'This code is not valid; check it and try again', used: 'This code has already been used' },
    objection: { invalid: 'Write your objection (at most 500 characters)' },
    owner: { invalid: 'Choose who owns it' },
    progress: { invalid: 'Progress is a whole number from 0 to 100' },
    minutes: { empty: 'Draft the minutes first', approved: 'The chair approved the minutes; they cannot change' },
    chairOnly: 'Only the meeting’s chair approves its minutes',
    notFound: 'No such meeting, matter or decision',
    meeting: { closed: 'The meeting is closed (minutes approved) or cancelled; its record cannot change' },
    item: { decided: 'This item has been decided' },
    ballot: { closed: 'Voting on this item has ended', open: 'Codes have already been issued for this item' },
    notice: { over: 'The notice period has ended' },
    registration: { cancelled: 'The registration was cancelled' },
  },
  partner: {
    kind: { invalid: 'Choose the kind of unit' },
    mobile: { invalid: 'Enter an 11-digit mainland mobile number' },
    notFound: 'No such partner unit',
    name: { taken: 'A partner unit of that name exists' },
    recurrence: { invalid: 'Check the recurrence or the time' },
    import: { empty: 'The file has no rows', unreadable: 'Cannot read the file; use Excel (.xlsx) or CSV', missingColumns: 'Missing columns: {{columns}}', tooManyRows: 'At most {{max}} rows at a time' },
    claim: { taken: 'This unit already claimed the post' },
    occurrence: { recorded: 'This occurrence is already recorded' },
  },
};

export const cogovernanceNotifyZhCN = {
  wish_decided: { subject: '您的心愿已上会协商', body: '【社区治理云】您的微心愿（查询码 {{code}}）已在社区协商会议上讨论，议题“{{title}}”已有决议，请凭查询码查看。' },
  wish_result: { subject: '您的心愿办理结果已公开', body: '【社区治理云】您的微心愿（查询码 {{code}}）相关决议“{{title}}”已实施完成，结果已公开，请凭查询码查看并评价。' },
  action_overdue: { subject: '行动项已超期：{{title}}', body: '{{community}}的决议行动项“{{title}}”已超过办理期限（{{due}}），请尽快推进；仍未完成将报告街道。' },
  action_reported: { subject: '社区决议行动项超期：{{title}}', body: '{{community}}的协商决议行动项“{{title}}”超过办理期限（{{due}}）仍未完成，特此报告。' },
  action_reminder: { subject: '行动项即将到期：{{title}}', body: '{{community}}的决议行动项“{{title}}”将于 {{due}} 到期，请及时推进。' },
} as const;

export const cogovernanceNotifyEn: Widen<typeof cogovernanceNotifyZhCN> = {
  wish_decided: { subject: 'Your wish was discussed', body: 'Your wish (code {{code}}) was discussed at a community consultation meeting; the matter “{{title}}” has a decision. Look it up with your code.' },
  wish_result: { subject: 'The result of your wish is public', body: 'The decision “{{title}}” on your wish (code {{code}}) has been carried out and its result published. Look it up with your code and rate it.' },
  action_overdue: { subject: 'Action item overdue: {{title}}', body: 'The action item “{{title}}” of {{community}} passed its due time ({{due}}). If it stays overdue it is reported to the street.' },
  action_reported: { subject: 'A community’s action item is overdue: {{title}}', body: 'The action item “{{title}}” of a consultation decision of {{community}} passed its due time ({{due}}) and is still not done.' },
  action_reminder: { subject: 'Action item due soon: {{title}}', body: 'The action item “{{title}}” of {{community}} is due at {{due}}.' },
};

/** Timeline lines of a wish taken to the committee (resident.events.* and cases.events.*). */
export const cogovernanceEventsZhCN = {
  consultation_scheduled: '已列入社区协商会议议程（{{at}}）',
  consultation_decided: '社区协商会议已作出决议',
  consultation_result: '决议已实施完成，结果已公开',
} as const;
export const cogovernanceEventsEn: Widen<typeof cogovernanceEventsZhCN> = {
  consultation_scheduled: 'On the agenda of a community consultation meeting ({{at}})',
  consultation_decided: 'The community consultation meeting decided',
  consultation_result: 'The decision was carried out; the result is public',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
