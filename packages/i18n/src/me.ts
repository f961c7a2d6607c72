// Residents' own pages (issue 16, decision 035): sign-in by text-message code, the chooser of communities, "我的"
// with its sections, and the staff's list of sign-ups waiting for confirmation. zh-CN first; merged into zh-CN.ts
// and en.ts under `me` (sign-in refusals under `refusals.residentSignIn` / `refusals.residentSignUp`).
// A feature adding a section to "我的" adds its words under `me.sections.<key>`.

export const meZhCN = {
  title: '我的',
  signInTitle: '手机号登录',
  signInIntro: '输入手机号，获取短信验证码登录，即可查看您提交过的微心愿和办理进度。无需注册、无需密码。',
  mobile: '手机号',
  send: '获取验证码',
  sent: '验证码已发送到 {{mobile}}，5 分钟内有效。',
  code: '短信验证码',
  submit: '登录',
  resend: '没收到？重新获取',
  signOut: '退出登录',
  signedInAs: '已登录：{{mobile}}',
  pending: '社区工作人员确认您的居民身份后，这里会显示更多内容。您提交过的微心愿已可查看。',
  chooseTitle: '选择社区',
  chooseIntro: '您的手机号在以下社区都有登记，选择要进入的社区：',
  stayHere: '留在 {{community}}',
  lookupByMobile: '忘了查询码？用手机号登录查看我的微心愿',
  signInLink: '我的',
  sections: {
    myWishes: {
      title: '我的微心愿',
      empty: '还没有用这个手机号提交过微心愿。',
      rated: '已评价 {{n}} 星',
      rate: '去评价',
      view: '查看进度',
      submittedAt: '提交于 {{date}}',
    },
  },
  errors: {
    mobileRequired: '请填写手机号',
    mobile: '请输入正确的 11 位手机号',
    codeRequired: '请填写验证码',
    codeShape: '验证码为 6 位数字',
    community: '请选择社区',
    invalid: '验证码不正确',
    expired: '验证码已过期，请重新获取',
    tooManyAttempts: '验证码错误次数过多，已失效，请重新获取',
    throttled: '尝试次数过多，请 {{minutes}} 分钟后再试',
    sendThrottled: '获取验证码太频繁，请 {{minutes}} 分钟后再试',
  },
  signUps: {
    title: '待确认的居民登录',
    intro: '这些手机号登录了居民端，但档案中没有登记。请核实后登记为居民，或标记为非本社区居民。',
    empty: '没有待确认的登录',
    mobile: '手机号',
    at: '首次登录',
    name: '姓名',
    confirm: '登记为居民',
    dismiss: '非本社区居民',
    link: '待确认登录（{{count}}）',
  },
  revoke: '退出该居民的所有登录',
};

export const meEn: typeof meZhCN = {
  title: 'Me',
  signInTitle: 'Sign in with your mobile',
  signInIntro: 'Enter your mobile, get a text-message code and sign in to see the wishes you sent and how they are going. No account or password needed.',
  mobile: 'Mobile',
  send: 'Get code',
  sent: 'A code was sent to {{mobile}}; it is valid for 5 minutes.',
  code: 'Code from the text message',
  submit: 'Sign in',
  resend: 'No message? Get a new code',
  signOut: 'Sign out',
  signedInAs: 'Signed in: {{mobile}}',
  pending: 'Once the community’s staff confirm you as a resident, more will show here. Your wishes can already be seen.',
  chooseTitle: 'Choose a community',
  chooseIntro: 'Your mobile is registered in these communities; choose the one to enter:',
  stayHere: 'Stay in {{community}}',
  lookupByMobile: 'Lost your code? Sign in with your mobile to see your wishes',
  signInLink: 'Me',
  sections: {
    myWishes: {
      title: 'My wishes',
      empty: 'No wishes were sent with this mobile yet.',
      rated: 'Rated {{n}} stars',
      rate: 'Rate it',
      view: 'See progress',
      submittedAt: 'Sent on {{date}}',
    },
  },
  errors: {
    mobileRequired: 'Enter your mobile',
    mobile: 'Enter a valid 11-digit mobile',
    codeRequired: 'Enter the code',
    codeShape: 'The code has 6 digits',
    community: 'Choose a community',
    invalid: 'The code is not right',
    expired: 'The code expired; get a new one',
    tooManyAttempts: 'Too many wrong codes; this one no longer works, get a new one',
    throttled: 'Too many tries; try again in {{minutes}} minutes',
    sendThrottled: 'Too many codes asked for; try again in {{minutes}} minutes',
  },
  signUps: {
    title: 'Resident sign-ins to confirm',
    intro: 'These mobiles signed in as residents but are not in the register. Check them, then register the person or mark them as not of this community.',
    empty: 'Nothing to confirm',
    mobile: 'Mobile',
    at: 'First sign-in',
    name: 'Name',
    confirm: 'Register as resident',
    dismiss: 'Not of this community',
    link: 'Sign-ins to confirm ({{count}})',
  },
  revoke: 'Sign this resident out everywhere',
};

export const meRefusalsZhCN = {
  residentSignIn: {
    tooSoon: '获取验证码太频繁，请 1 分钟后再试',
    tooMany: '这个手机号获取验证码次数过多，请 1 小时后再试',
    communityBusy: '本社区获取验证码的人太多，请稍后再试',
    notRegistered: '您的手机号没有在该社区登记',
    sessionEnded: '登录已失效，请重新登录',
  },
  residentSignUp: {
    notFound: '该登录记录不存在',
    resolved: '该登录已处理过',
  },
};

export const meRefusalsEn: typeof meRefusalsZhCN = {
  residentSignIn: {
    tooSoon: 'Codes asked for too often; try again in a minute',
    tooMany: 'Too many codes for this mobile; try again in an hour',
    communityBusy: 'Too many people are asking for codes in this community; try again later',
    notRegistered: 'Your mobile is not registered in that community',
    sessionEnded: 'You were signed out; sign in again',
  },
  residentSignUp: {
    notFound: 'No such sign-in',
    resolved: 'This sign-in was already handled',
  },
};
