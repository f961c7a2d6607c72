// Volunteer service (issue 17, decision 036): refusals and messages, zh-CN first.
// Merged into zh-CN.ts and en.ts (refusals under `refusals.volunteer`, messages under `notify`).

export const volunteerRefusalsZhCN = {
  invalid: '填写有误，请检查',
  notFound: '没有找到这位志愿者',
  duplicate: '此人已登记为志愿者',
  inactive: '此人已迁出或档案已合并，不能参加志愿服务',
  notYou: '只能为本人操作',
  consent: { required: '请确认本人已同意登记为志愿者并记录服务信息' },
  guardian: { required: '未满 18 周岁的志愿者须经监护人同意：请填写监护人并确认其同意' },
  tooYoung: '未满 14 周岁，不能登记为志愿者',
  birth: { unknown: '居民档案中没有出生年月，无法核对年龄，请先补充档案' },
  leader: { notEligible: '队长（副队长）须为本社区居民档案中的在册居民', notPartyMember: '队长须为本社区党组织的在册党员（请先在“党组织”中添加）' },
  team: {
    notFound: '没有找到这支志愿服务队',
    nameTaken: '已有同名的志愿服务队',
    notRecruiting: '这支服务队暂不招募队员',
    alreadyApplied: '已申请或已是这支服务队的队员',
    notApplied: '没有待处理的入队申请',
  },
  activity: {
    notFound: '没有找到这个活动',
    noShifts: '请至少设置一个班次',
    uninsured: '有风险的活动须先购买意外保险：请填写保险记录（保险公司和保单号）后再发布',
    notDraft: '活动已发布或已结束',
    notOpen: '活动尚未发布或已结束，不能报名',
  },
  shift: {
    notFound: '没有找到这个班次',
    time: '班次的结束时间须晚于开始时间',
    places: '预留名额不能多于总名额',
    started: '班次已开始，不能再报名',
  },
  signup: {
    notFound: '您没有这个班次的名额，请联系队长现场登记',
    duplicate: '已报名这个班次',
    cutoffPassed: '已过取消截止时间（班次开始前 {{hours}} 小时），请联系队长',
    notCheckedIn: '尚未签到',
    alreadyOut: '已签退',
    age: '这个活动要求年满 {{min}} 周岁',
    skills: '这个活动需要以下技能：{{skills}}',
    training: '这个活动需要有效的培训记录：{{trainings}}',
  },
  qr: {
    invalid: '这不是本班次的签到码，请扫描队长手机上的二维码',
    expired: '签到码已过期（每 30 秒更新一次），请扫描队长手机上最新的二维码',
    outsideWindow: '不在本班次的签到时间内（{{from}} 至 {{to}} 可扫码）',
  },
  hours: {
    notFound: '没有找到这条时长记录',
    time: '服务时间有误：结束须晚于开始、不晚于现在，且不超过 24 小时',
    reason: '请填写更正原因',
    alreadyReversed: '这条记录已被冲正',
    isReversal: '冲正记录不能再冲正',
    notPending: '这条记录不在待审核状态',
    sameApprover: '须由另一位工作人员审核（录入人或第一审核人不能再审核）',
    leaderFirst: '须先由队长审核，再由工作人员复核',
  },
};

export const volunteerRefusalsEn: typeof volunteerRefusalsZhCN = {
  invalid: 'Please check the form',
  notFound: 'Volunteer not found',
  duplicate: 'This person is already a volunteer',
  inactive: 'This person has moved out or was merged and cannot volunteer',
  notYou: 'You can only do this for yourself',
  consent: { required: 'Confirm the person agreed to volunteer and to their service being recorded' },
  guardian: { required: 'Volunteers under 18 need a guardian’s consent: name the guardian and confirm their consent' },
  tooYoung: 'People under 14 cannot be registered as volunteers',
  birth: { unknown: 'The register has no birth date for this person, so their age cannot be checked' },
  leader: { notEligible: 'The leader (deputy) must be an active person of the community’s register', notPartyMember: 'The leader must be a current member of the community’s party organisation (add them under Party organisation first)' },
  team: {
    notFound: 'Team not found',
    nameTaken: 'A team with this name exists',
    notRecruiting: 'This team is not recruiting',
    alreadyApplied: 'Already applied to or a member of this team',
    notApplied: 'No open application',
  },
  activity: {
    notFound: 'Activity not found',
    noShifts: 'Add at least one shift',
    uninsured: 'A risky activity needs accident insurance: enter the insurance record (insurer and policy number) before publishing',
    notDraft: 'The activity is already published or finished',
    notOpen: 'The activity is not open for sign-up',
  },
  shift: {
    notFound: 'Shift not found',
    time: 'A shift must end after it starts',
    places: 'Reserved places cannot exceed the capacity',
    started: 'The shift has started; sign-up is closed',
  },
  signup: {
    notFound: 'You have no place on this shift; ask the leader to add you on the spot',
    duplicate: 'Already signed up for this shift',
    cutoffPassed: 'Past the cancellation cut-off ({{hours}} hours before the shift); please ask the leader',
    notCheckedIn: 'Not checked in yet',
    alreadyOut: 'Already checked out',
    age: 'This activity requires an age of at least {{min}}',
    skills: 'This activity requires these skills: {{skills}}',
    training: 'This activity requires valid training: {{trainings}}',
  },
  qr: {
    invalid: 'This is not this shift’s code; scan the QR code on the leader’s phone',
    expired: 'The code has expired (it changes every 30 seconds); scan the code on the leader’s phone now',
    outsideWindow: 'Outside this shift’s check-in time (codes are accepted from {{from}} to {{to}})',
  },
  hours: {
    notFound: 'Hour record not found',
    time: 'Check the times: the end must be after the start, not in the future, and within 24 hours',
    reason: 'Give the reason for the correction',
    alreadyReversed: 'This record was already reversed',
    isReversal: 'A reversal cannot be reversed',
    notPending: 'This record is not awaiting approval',
    sameApprover: 'Another staff member must approve (not whoever entered or first approved it)',
    leaderFirst: 'The leader approves first, then staff',
  },
};

export const volunteerNotifyZhCN = {
  volunteer_promoted: { subject: '候补转为正式名额', body: '【社区治理云】您候补的志愿服务“{{title}}”（{{when}}，{{place}}）已有空位，您已转为正式名额。如不能参加，请在“我的”页面取消。' },
};
export const volunteerNotifyEn: typeof volunteerNotifyZhCN = {
  volunteer_promoted: { subject: 'You have a place now', body: 'A place freed up on “{{title}}” ({{when}}, {{place}}): you moved from the waiting list to a confirmed place. If you cannot come, cancel on your “Me” page.' },
};

export const volunteersZhCN = {
  title: '志愿服务',
  intro: '您负责的志愿服务队的班次：现场出示签到码、代签到签退、审核服务时长。',
  noShifts: '近期没有班次',
  places: '已报名 {{confirmed}} / {{open}}',
  waiting: '候补 {{count}} 人',
  approved: '时长已审核',
  back: '返回志愿服务',
  shift: {
    title: '班次',
    qrAlt: '本班次签到码',
    qrHint: '志愿者用手机扫码签到、签退。签到码每 30 秒更新，截图无效。',
    people: '报名名单（{{count}} 人）',
    nobody: '还没有人报名',
    waiting: '候补',
    walkUp: '现场登记',
    in: '{{time}} 签到',
    out: '{{time}} 签退',
    autoOut: '未签退，{{time}} 自动签退',
    minutes: '计 {{hours}} 小时',
    checkIn: '代签到',
    checkOut: '代签退',
    pending: '{{count}} 条时长待审核',
    nothingPending: '没有待审核的时长',
    approve: '审核通过本班次全部时长',
  },
};

export const volunteersEn: typeof volunteersZhCN = {
  title: 'Volunteers',
  intro: 'Shifts of the teams you run: show the check-in code, check people in and out, approve their hours.',
  noShifts: 'No upcoming shifts',
  places: '{{confirmed}} of {{open}} places taken',
  waiting: '{{count}} waiting',
  approved: 'Hours approved',
  back: 'Back to volunteers',
  shift: {
    title: 'Shift',
    qrAlt: 'This shift’s check-in code',
    qrHint: 'Volunteers scan it with their phones to check in and out. It changes every 30 seconds; screenshots do not work.',
    people: 'Signed up ({{count}})',
    nobody: 'Nobody has signed up yet',
    waiting: 'Waiting',
    walkUp: 'Walk-up',
    in: 'In {{time}}',
    out: 'Out {{time}}',
    autoOut: 'No check-out: checked out automatically {{time}}',
    minutes: '{{hours}} h counted',
    checkIn: 'Check in',
    checkOut: 'Check out',
    pending: '{{count}} hour records awaiting approval',
    nothingPending: 'Nothing awaiting approval',
    approve: 'Approve all hours of this shift',
  },
};

export const volunteersToastZhCN = { approved: '已审核本班次时长', checkedIn: '已代签到', checkedOut: '已代签退，时长待审核' };
export const volunteersToastEn: typeof volunteersToastZhCN = { approved: 'Shift hours approved', checkedIn: 'Checked in', checkedOut: 'Checked out; hours await approval' };
