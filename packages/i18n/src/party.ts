// The community's party organisation (issue 16): page words and refusals, zh-CN first. Merged into zh-CN.ts and
// en.ts under `party` (refusals under `refusals.party`).

export const partyZhCN = {
  title: '党组织',
  intro: '社区党总支、党支部和网格党小组，以及党员（来自居民档案）。在职党员到居住地社区报到，记录其工作单位和报到日期。',
  kinds: { general_branch: '党总支', branch: '党支部', grid_group: '网格党小组' },
  memberKinds: { local: '社区党员', reporting: '在职党员（报到）' },
  empty: '还没有党组织，请先建立党总支',
  members: '党员 {{count}} 名',
  reportingCount: '在职党员 {{reporting}} 名，已报到 {{reported}} 名',
  grid: '网格：{{grid}}',
  newOrg: '建立党组织',
  kind: '类型',
  name: '名称',
  parent: '上级组织',
  gridField: '所属网格',
  create: '建立',
  addMember: '添加党员',
  person: '手机号或身份证号',
  personHint: '按居民档案中的手机号或身份证号精确查找',
  memberKind: '党员类别',
  workUnit: '工作单位',
  reportedOn: '报到日期',
  add: '添加',
  remove: '转出',
  reportedAt: '已报到 {{date}}',
  notReported: '未报到',
  created: '已建立党组织',
  added: '已添加党员',
  removed: '已转出',
  service: '{{year}} 年志愿服务 {{hours}} 小时（{{people}} 名党员参加）',
  memberService: '{{year}} 年志愿服务 {{hours}} 小时',
};

export const partyEn: typeof partyZhCN = {
  title: 'Party organisation',
  intro: 'The community’s party general branch, branches and grid party groups, and their members (from the register). Members working elsewhere report to the community where they live: their work unit and the day they reported are kept.',
  kinds: { general_branch: 'General branch', branch: 'Branch', grid_group: 'Grid party group' },
  memberKinds: { local: 'Community member', reporting: 'Reporting (works elsewhere)' },
  empty: 'No party organisation yet: start with the general branch',
  members: '{{count}} members',
  reportingCount: '{{reporting}} working elsewhere, {{reported}} reported',
  grid: 'Grid: {{grid}}',
  newOrg: 'New organisation',
  kind: 'Kind',
  name: 'Name',
  parent: 'Above it',
  gridField: 'Grid',
  create: 'Create',
  addMember: 'Add a member',
  person: 'Mobile or ID number',
  personHint: 'Found exactly by the mobile or ID number in the register',
  memberKind: 'Member kind',
  workUnit: 'Work unit',
  reportedOn: 'Reported on',
  add: 'Add',
  remove: 'Transfer out',
  reportedAt: 'Reported {{date}}',
  notReported: 'Not reported',
  created: 'Organisation created',
  added: 'Member added',
  removed: 'Transferred out',
  service: '{{hours}} hours of volunteer service in {{year}} ({{people}} members served)',
  memberService: '{{hours}} hours of volunteer service in {{year}}',
};

export const partyRefusalsZhCN = {
  party: {
    org: {
      name: '请填写名称（不超过 40 个字）',
      parent: '党支部应建在党总支下，网格党小组应建在党支部下；党总支没有上级',
      grid: '网格党小组须选择本社区的网格（其他类型不选网格）',
      notFound: '该党组织不存在或已撤销',
      taken: '已有同名的党组织',
    },
    member: {
      workUnit: '在职党员报到须填写工作单位',
      notFound: '该党员不存在或已转出',
      already: '此人已是本社区党组织的党员',
      person: '居民档案中没有这个手机号或身份证号的在册居民（请先登记，或检查号码）',
      shared: '几位居民共用这个手机号，请改用身份证号查找',
    },
  },
};

export const partyRefusalsEn: typeof partyRefusalsZhCN = {
  party: {
    org: {
      name: 'Enter a name (up to 40 characters)',
      parent: 'A branch sits under the general branch, a grid party group under a branch; the general branch has none above',
      grid: 'A grid party group needs one of the community’s grids (other kinds none)',
      notFound: 'No such organisation, or it was retired',
      taken: 'An organisation has this name already',
    },
    member: {
      workUnit: 'A member reporting from elsewhere needs their work unit',
      notFound: 'No such member, or they were transferred out',
      already: 'This person is already a member here',
      person: 'Nobody on the register has this mobile or ID number (register them first, or check the number)',
      shared: 'Several residents share this mobile: use the ID number',
    },
  },
};
