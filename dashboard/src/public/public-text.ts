import type { Locale } from '../i18n/i18n';
import type { PublicDataset } from './public-facts';

/**
 * The words of the public pages (`/amazon-sp-api`, `/privacy`) in both languages. Long-form text, kept apart from
 * the dashboard's message catalog; one interface, so the compiler holds both languages to the same content. The
 * figures (roles, retention, contact) are never written here: they come from `/config.json` (public-facts.ts).
 */
export interface PublicText {
  readonly nav: {
    readonly label: string;
    readonly spApi: string;
    readonly privacy: string;
    readonly signIn: string;
    readonly openDashboard: string;
  };
  readonly factsUnavailable: string;
  readonly loading: string;
  readonly spApi: {
    readonly title: string;
    readonly eyebrow: string;
    readonly lead: readonly string[];
    readonly authorizeTitle: string;
    readonly authorizeLive: string;
    readonly authorizeComingSoonHelp: string;
    readonly authorizeButton: string;
    readonly authorizeComingSoon: string;
    readonly authorizeWorking: string;
    readonly whoseTitle: string;
    readonly whose: readonly string[];
    readonly flowTitle: string;
    readonly flow: (facts: { stateMinutes: number; reauthorizationDays: number }) => readonly string[];
    readonly adsFlow: string;
    readonly principlesTitle: string;
    readonly principles: (facts: {
      auditDays: number;
    }) => readonly { readonly title: string; readonly body: string }[];
    readonly rolesTitle: string;
    readonly rolesIntro: string;
    readonly rolesCaption: string;
    readonly rolesColumns: { readonly dataset: string; readonly role: string; readonly use: string };
    readonly datasetName: Readonly<Record<PublicDataset, string>>;
    readonly spApiRole: (role: string) => string;
    readonly adsConsent: (scope: string) => string;
    readonly datasetUse: Readonly<Record<PublicDataset, string>>;
    readonly noRestrictedRoles: string;
    readonly rolesNone: string;
    readonly contactTitle: string;
  };
  readonly contact: {
    readonly intro: string;
    readonly email: string;
    readonly url: string;
    readonly none: string;
    readonly privacyLink: string;
  };
  readonly privacy: {
    readonly title: string;
    readonly lead: string;
    readonly scopeTitle: string;
    readonly scope: readonly string[];
    readonly collectTitle: string;
    readonly collect: readonly string[];
    readonly noBuyerData: string;
    readonly useTitle: string;
    readonly use: readonly string[];
    readonly thirdPartiesTitle: string;
    readonly thirdParties: readonly string[];
    readonly retentionTitle: string;
    readonly retentionIntro: string;
    readonly retentionCaption: string;
    readonly retentionColumns: { readonly what: string; readonly kept: string };
    readonly retentionSnapshot: Readonly<Record<PublicDataset, string>>;
    readonly retentionAudit: string;
    readonly retentionSiteLogs: string;
    readonly retentionQueue: string;
    readonly retentionDeadLetter: string;
    readonly retentionState: string;
    readonly retentionToken: string;
    readonly retentionTokenKept: string;
    readonly days: (days: number) => string;
    readonly minutes: (minutes: number) => string;
    readonly revocationTitle: string;
    readonly revocation: readonly string[];
    readonly accessLogTitle: string;
    readonly accessLog: readonly string[];
    readonly revokeTitle: string;
    readonly revokeSteps: readonly string[];
    readonly revokeAds: string;
    readonly contactTitle: string;
  };
}

const en: PublicText = {
  nav: {
    label: 'Public pages',
    spApi: 'How we use Amazon seller data',
    privacy: 'Privacy policy',
    signIn: 'Sign in',
    openDashboard: 'Open the dashboard',
  },
  factsUnavailable:
    'The facts of this page (roles, retention, contact) could not be loaded from the configuration, so they are not shown. Please try again later.',
  loading: 'Loading…',
  spApi: {
    title: 'Mint Hub Operations and the Amazon Selling Partner API',
    eyebrow: 'For Amazon sellers',
    lead: [
      "Mint Hub Operations is an internal operations workspace. The team that runs an Amazon store uses it to see the store's inventory, order summaries and advertising results in one place: what to restock, which orders risk shipping late, where ad money goes.",
      'It is not a data marketplace. We do not sell, rent, share or publish seller data, and we do not combine one seller’s data with another’s.',
    ],
    authorizeTitle: 'Connect your store',
    authorizeLive:
      'Sign in, choose your store’s Amazon region, and you are taken straight to Amazon’s consent page in Seller Central.',
    authorizeComingSoonHelp:
      'Authorization is not open yet: the button is enabled once Amazon has approved the integration.',
    authorizeButton: 'Authorize with Amazon',
    authorizeComingSoon: 'Authorize with Amazon — coming soon',
    authorizeWorking: 'Taking you to sign-in…',
    whoseTitle: 'Whose data we read',
    whose: [
      'Only the data of stores whose owner authorized Mint Hub through Amazon’s own consent page (in Seller Central, or from our Selling Partner Appstore listing). Each authorization covers one seller account in one Amazon region, and only the data the roles below allow.',
      'Nobody can connect a store without that consent, and a person signed in to Mint Hub sees only the stores whose owner gave them access.',
    ],
    flowTitle: 'How authorization works, step by step',
    flow: ({ stateMinutes, reauthorizationDays }) => [
      'You sign in to Mint Hub with your own account (each member of a team has one).',
      'You choose your store’s Amazon region (North America, Europe or Far East) and select “Authorize with Amazon”.',
      `We create a one-time state, valid for ${stateMinutes} minutes and tied to your sign-in and this browser, and send you to Amazon.`,
      'Amazon shows its consent page, naming Mint Hub and the access it asks for. You approve or decline there; we never see your Amazon password.',
      'Amazon sends you back with a short-lived, single-use code. We exchange it once for a refresh token, encrypt that token immediately and keep only the ciphertext.',
      'Your store appears in the dashboard as active, and its team can read its data, each read logged.',
      `Amazon’s authorization lasts ${reauthorizationDays} days; the dashboard reminds the owner to renew it before it ends.`,
    ],
    adsFlow:
      'Advertising data is a separate step: a store owner may also give Amazon Ads consent from the store’s page. It is optional, and it can be removed on its own without touching the Seller Central authorization.',
    principlesTitle: 'Data security principles',
    principles: ({ auditDays }) => [
      {
        title: 'Minimal roles',
        body: 'We ask only for the roles listed below, each for a feature that is live. We ask for no restricted role, so Amazon gives us no buyer names, addresses, phone numbers or email addresses.',
      },
      {
        title: 'Encrypted refresh tokens',
        body: 'Each store’s refresh token is encrypted with AWS Key Management Service (KMS), bound to that store, seller and region. Only the functions that read store data are allowed to decrypt it.',
      },
      {
        title: 'Access tokens only in memory',
        body: 'The one-hour access tokens Amazon issues are held in memory by the function that uses them and never written to disk, a database or a log.',
      },
      {
        title: 'Isolation between sellers',
        body: 'Every read checks that the person is a member of that store. One seller’s data is never shown to, or mixed with, another seller’s.',
      },
      {
        title: 'Revocation stops access at once',
        body: 'You can remove Mint Hub in Seller Central (Manage Your Apps) at any time, or a store owner can disconnect the store in Mint Hub. From then on no call is made for the store: its refresh token is deleted and its stored data purged.',
      },
      {
        title: 'No selling or sharing',
        body: 'Seller data is used only to show it to the store’s own team. It is never sold, rented, shared with third parties, or used for advertising or profiling.',
      },
      {
        title: 'Every access logged',
        body: `Every read of a store’s data is recorded with the time, who or which system job read it, the store, the dataset, the operation and the reason, in an encrypted audit log kept ${auditDays} days. Store owners see it in the dashboard and can ask us for a copy at any time.`,
      },
    ],
    rolesTitle: 'The roles we request',
    rolesIntro:
      'This list is generated from the running configuration: a role is requested, and listed here, only once its feature is live and declared to Amazon.',
    rolesCaption: 'Roles and consents Mint Hub requests, and what each is used for',
    rolesColumns: { dataset: 'Data', role: 'Amazon role or consent', use: 'What we use it for' },
    datasetName: { inventory: 'Inventory', orders: 'Orders', ads: 'Advertising' },
    spApiRole: (role) => `SP-API role “${role}”`,
    adsConsent: (scope) => `Amazon Ads API consent (scope ${scope}), separate from SP-API`,
    datasetUse: {
      inventory:
        'Fulfillment by Amazon inventory levels per SKU (fulfillable, inbound, reserved, unfulfillable), to plan replenishment and warn before stock runs out.',
      orders:
        'Order status, dates, sales channel and amounts, without any buyer details, to watch fulfillment, flag orders that may ship late and count sales for replenishment.',
      ads: 'Campaigns, budgets and performance reports of the store’s advertising profiles, to review ad spend and budgets. Read only: we change no campaign.',
    },
    noRestrictedRoles:
      'No restricted role is requested: no buyer personal information is ever requested or stored.',
    rolesNone: 'No data is enabled in this deployment yet, so no role is requested.',
    contactTitle: 'Contact',
  },
  contact: {
    intro: 'Questions, a copy of your store’s access log, or a privacy request:',
    email: 'Email',
    url: 'Contact page',
    none: 'A contact address will be published here before authorization opens.',
    privacyLink: 'Read our privacy policy',
  },
  privacy: {
    title: 'Privacy policy',
    lead: 'How Mint Hub Operations handles the data of the Amazon stores that authorize it and of the people who sign in to it.',
    scopeTitle: 'What this policy covers',
    scope: [
      'Mint Hub Operations is an internal operations workspace for Amazon sellers and their teams. This policy covers the data Amazon makes available to it under a seller’s authorization, and the data of the people who use it.',
    ],
    collectTitle: 'What we collect',
    collect: [
      'From Amazon, for each authorized store: the seller id, store name and marketplaces; the refresh token (stored encrypted only); inventory levels per SKU; order summaries (order id, status, dates, sales channel, amounts, item counts); and, with the separate Ads consent, advertising profiles, campaigns, budgets and performance reports.',
      'About the people who sign in: email address, name, the stores they belong to and their role there, and the audit records of the data they read.',
      'When anyone visits this site: the time, IP address, browser (user agent) and page path of each request, in the site’s access logs. Query strings, cookies and referrers are not logged.',
    ],
    noBuyerData:
      'We do not request or store buyer personal information: no buyer names, addresses, phone numbers or email addresses.',
    useTitle: 'How we use it',
    use: [
      'Only to show each store’s data to the members of that store’s team, for replenishment planning, fulfillment monitoring and ad-budget review, and to keep the service secure (access checks, audit, alarms).',
      'We do not use seller data for advertising, profiling or any purpose of our own, and we do not train models on it.',
    ],
    thirdPartiesTitle: 'No third parties',
    thirdParties: [
      'We do not sell, rent, share or disclose seller data to any third party. The service runs on Amazon Web Services infrastructure in our own account; no analytics, advertising or other outside service receives any data.',
      'These pages and the dashboard load nothing from other sites: no fonts, scripts, trackers or images from third parties.',
    ],
    retentionTitle: 'How long we keep it',
    retentionIntro:
      'These periods are read from the deployed configuration. Stored data expires on its own at the end of its period.',
    retentionCaption: 'Retention periods',
    retentionColumns: { what: 'Data', kept: 'Kept for' },
    retentionSnapshot: {
      inventory: 'Inventory snapshot of a store and marketplace (from the last read)',
      orders: 'Order history of a store and marketplace (from the last update)',
      ads: 'Advertising data of a store',
    },
    retentionAudit: 'Access audit records',
    retentionSiteLogs: 'Site access logs',
    retentionQueue: 'Revocation messages (store id and reason only)',
    retentionDeadLetter: 'Revocation messages that could not be processed (dead-letter queue)',
    retentionState: 'One-time authorization state',
    retentionToken: 'Encrypted refresh token',
    retentionTokenKept:
      'Until the authorization is removed in Seller Central, the store is disconnected, or Amazon ends it; then deleted at once',
    days: (days) => `${days} days`,
    minutes: (minutes) => `${minutes} minutes, single use`,
    revocationTitle: 'Revocation and crypto-shredding',
    revocation: [
      'When the app is removed in Seller Central, or a store owner disconnects the store in Mint Hub, the store refuses every read from that moment. Its encrypted refresh token is then deleted (crypto-shredding: without the ciphertext there is nothing left to decrypt, so the authorization can never be used again) and its stored inventory and order data is purged.',
      'Amazon does not notify apps when a seller removes them; we detect it on the first call Amazon refuses, and at the latest with our daily authorization check. The store’s audit records are kept for the period above, so the access history stays available to the owner.',
    ],
    accessLogTitle: 'Your access log',
    accessLog: [
      'Every read of your store’s data is logged with the time, who or which system job read it, the dataset, the operation, the reason and the outcome.',
      'Store owners can read this log in the dashboard at any time (Stores, then “Access log”). You can also ask us for a copy: write to the contact below from the store owner’s address, naming the store, and we send you its records.',
    ],
    revokeTitle: 'How to revoke access',
    revokeSteps: [
      'In Seller Central, open Apps and Services, then Manage Your Apps.',
      'Find Mint Hub Operations and choose to remove (revoke) it.',
      'That is all: access stops at once, and the steps above follow. Store owners can also select “Disconnect” for the store on the Stores page of Mint Hub.',
    ],
    revokeAds:
      'Advertising access can be removed on its own from the store’s page in Mint Hub, or from your Amazon account’s Login with Amazon settings.',
    contactTitle: 'Contact',
  },
};

const zhCN: PublicText = {
  nav: {
    label: '公开页面',
    spApi: '我们如何使用亚马逊卖家数据',
    privacy: '隐私政策',
    signIn: '登录',
    openDashboard: '打开运营中心',
  },
  factsUnavailable: '无法从配置中读取本页的事实信息（角色、保留期限、联系方式），因此暂不显示。请稍后再试。',
  loading: '正在加载…',
  spApi: {
    title: 'Mint Hub 运营中心与亚马逊销售伙伴 API（SP-API）',
    eyebrow: '致亚马逊卖家',
    lead: [
      'Mint Hub 运营中心是一个内部运营工作台。经营亚马逊店铺的团队用它集中查看店铺的库存、订单汇总和广告效果：哪些商品需要补货、哪些订单可能延迟发货、广告费花在了哪里。',
      '它不是数据交易平台。我们不出售、出租、共享或公开卖家数据，也不会把一个卖家的数据与另一个卖家的数据合并。',
    ],
    authorizeTitle: '连接您的店铺',
    authorizeLive: '登录后选择店铺所在的亚马逊地区，即可直接进入卖家中心的亚马逊授权页面。',
    authorizeComingSoonHelp: '授权尚未开放：亚马逊批准本集成后，此按钮即可使用。',
    authorizeButton: '通过亚马逊授权',
    authorizeComingSoon: '通过亚马逊授权 — 即将上线',
    authorizeWorking: '正在前往登录…',
    whoseTitle: '我们读取谁的数据',
    whose: [
      '只读取店铺所有者已通过亚马逊官方授权页面（卖家中心，或我们在销售伙伴应用商店的页面）授权 Mint Hub 的店铺数据。每项授权只涵盖一个亚马逊地区的一个卖家账户，并且只涵盖下列角色允许的数据。',
      '没有授权，任何人都无法连接店铺；登录 Mint Hub 的人员只能看到店铺所有者授予其访问权限的店铺。',
    ],
    flowTitle: '授权流程（逐步说明）',
    flow: ({ stateMinutes, reauthorizationDays }) => [
      '您使用自己的账户登录 Mint Hub（团队中每位成员各有一个账户）。',
      '选择店铺所在的亚马逊地区（北美、欧洲或远东），然后点击“通过亚马逊授权”。',
      `我们生成一个一次性状态值（有效期 ${stateMinutes} 分钟，与您的登录和当前浏览器绑定），并将您转到亚马逊。`,
      '亚马逊显示授权页面，列出 Mint Hub 及其申请的访问权限。是否同意由您在该页面决定；我们永远不会看到您的亚马逊密码。',
      '亚马逊带着一个短时有效、只能使用一次的授权码将您送回。我们只兑换一次，换得刷新令牌后立即加密，只保存密文。',
      '店铺在运营中心显示为“正常”，其团队即可读取数据，每次读取都有记录。',
      `亚马逊的授权有效期为 ${reauthorizationDays} 天；到期前，运营中心会提醒店铺所有者续期。`,
    ],
    adsFlow:
      '广告数据需单独授权：店铺所有者可在店铺页面另行授予亚马逊广告（Amazon Ads）访问权限。此项可选，也可单独撤销，不影响卖家中心的授权。',
    principlesTitle: '数据安全原则',
    principles: ({ auditDays }) => [
      {
        title: '最小权限',
        body: '我们只申请下列角色，且每个角色都对应一项已上线的功能。我们不申请任何受限角色，因此亚马逊不会向我们提供买家姓名、地址、电话或电子邮箱。',
      },
      {
        title: '刷新令牌加密保存',
        body: '每个店铺的刷新令牌都使用 AWS 密钥管理服务（KMS）加密，并与该店铺、卖家和地区绑定。只有读取店铺数据的函数才有权解密。',
      },
      {
        title: '访问令牌只存在于内存',
        body: '亚马逊签发的访问令牌有效期为一小时，只保存在使用它的函数的内存中，绝不写入磁盘、数据库或日志。',
      },
      {
        title: '卖家之间相互隔离',
        body: '每次读取都会核实该人员是否为该店铺的成员。一个卖家的数据绝不会展示给其他卖家，也不会与其他卖家的数据混合。',
      },
      {
        title: '撤销授权立即生效',
        body: '您可以随时在卖家中心（“管理您的应用”）中移除 Mint Hub，店铺所有者也可以在 Mint Hub 中断开店铺连接。此后我们不再为该店铺发出任何请求：其刷新令牌被删除，已存储的数据被清除。',
      },
      {
        title: '不出售、不共享',
        body: '卖家数据只用于展示给该店铺自己的团队，绝不出售、出租、与第三方共享，也不用于广告或用户画像。',
      },
      {
        title: '每次访问都有记录',
        body: `每次读取店铺数据都会记录时间、读取者（人员或系统任务）、店铺、数据类别、操作和原因，保存在加密的审计日志中，保留 ${auditDays} 天。店铺所有者可在运营中心查看，也可随时向我们索取副本。`,
      },
    ],
    rolesTitle: '我们申请的角色',
    rolesIntro:
      '此列表根据当前运行的配置生成：只有当某项功能已上线并已向亚马逊申报后，才会申请并在此列出相应角色。',
    rolesCaption: 'Mint Hub 申请的角色和授权及其用途',
    rolesColumns: { dataset: '数据', role: '亚马逊角色或授权', use: '用途' },
    datasetName: { inventory: '库存', orders: '订单', ads: '广告' },
    spApiRole: (role) => `SP-API 角色“${role}”`,
    adsConsent: (scope) => `亚马逊广告 API 授权（范围 ${scope}），独立于 SP-API`,
    datasetUse: {
      inventory:
        '按 SKU 读取亚马逊物流（FBA）库存（可售、入库中、预留、不可售），用于制定补货计划，并在断货前发出提醒。',
      orders:
        '读取订单状态、日期、销售渠道和金额（不含任何买家信息），用于监控发货、标记可能延迟发货的订单，并统计销量以便补货。',
      ads: '读取店铺广告账户的广告活动、预算和效果报告，用于审查广告花费和预算。只读：我们不修改任何广告活动。',
    },
    noRestrictedRoles: '我们不申请任何受限角色：从不请求、也从不存储买家个人信息。',
    rolesNone: '本部署尚未启用任何数据，因此不申请任何角色。',
    contactTitle: '联系我们',
  },
  contact: {
    intro: '如有疑问、需要店铺访问日志副本或提出隐私请求，请联系：',
    email: '电子邮箱',
    url: '联系页面',
    none: '开放授权之前，我们会在此公布联系方式。',
    privacyLink: '阅读我们的隐私政策',
  },
  privacy: {
    title: '隐私政策',
    lead: 'Mint Hub 运营中心如何处理授权店铺的数据以及登录用户的数据。',
    scopeTitle: '本政策的适用范围',
    scope: [
      'Mint Hub 运营中心是为亚马逊卖家及其团队提供的内部运营工作台。本政策适用于亚马逊根据卖家授权向其提供的数据，以及使用者本人的数据。',
    ],
    collectTitle: '我们收集哪些数据',
    collect: [
      '来自亚马逊（每个已授权店铺）：卖家编号、店铺名称和站点；刷新令牌（仅加密保存）；按 SKU 的库存数量；订单汇总（订单编号、状态、日期、销售渠道、金额、商品数量）；以及在单独的广告授权下，广告账户、广告活动、预算和效果报告。',
      '关于登录人员：电子邮箱、姓名、所属店铺及其在店铺中的角色，以及其读取数据的审计记录。',
      '任何人访问本网站时：每次请求的时间、IP 地址、浏览器（用户代理）和页面路径，记录在网站访问日志中。不记录查询字符串、Cookie 和来源页面。',
    ],
    noBuyerData: '我们不请求、也不存储买家个人信息：没有买家姓名、地址、电话或电子邮箱。',
    useTitle: '我们如何使用数据',
    use: [
      '仅用于向店铺团队成员展示该店铺的数据，以便制定补货计划、监控发货和审查广告预算，并用于保障服务安全（访问检查、审计、告警）。',
      '我们不将卖家数据用于广告、用户画像或任何自身用途，也不使用其训练模型。',
    ],
    thirdPartiesTitle: '不涉及第三方',
    thirdParties: [
      '我们不向任何第三方出售、出租、共享或披露卖家数据。本服务运行在我们自己账户下的亚马逊云科技（AWS）基础设施上；任何分析、广告或其他外部服务都不会收到数据。',
      '这些页面和运营中心不从其他网站加载任何内容：没有第三方字体、脚本、跟踪器或图片。',
    ],
    retentionTitle: '数据保留期限',
    retentionIntro: '以下期限读取自已部署的配置。存储的数据在期限届满时自动过期。',
    retentionCaption: '保留期限',
    retentionColumns: { what: '数据', kept: '保留期限' },
    retentionSnapshot: {
      inventory: '店铺某站点的库存快照（自最近一次读取起）',
      orders: '店铺某站点的订单历史（自最近一次更新起）',
      ads: '店铺的广告数据',
    },
    retentionAudit: '访问审计记录',
    retentionSiteLogs: '网站访问日志',
    retentionQueue: '撤销授权消息（仅含店铺编号和原因）',
    retentionDeadLetter: '无法处理的撤销授权消息（死信队列）',
    retentionState: '一次性授权状态值',
    retentionToken: '加密的刷新令牌',
    retentionTokenKept: '保留至在卖家中心移除授权、断开店铺连接或亚马逊终止授权为止；随后立即删除',
    days: (days) => `${days} 天`,
    minutes: (minutes) => `${minutes} 分钟，仅限使用一次`,
    revocationTitle: '撤销授权与加密销毁',
    revocation: [
      '在卖家中心移除本应用，或店铺所有者在 Mint Hub 中断开店铺连接后，该店铺自即刻起拒绝任何读取。随后其加密的刷新令牌被删除（加密销毁：没有密文就无从解密，该授权永远无法再被使用），已存储的库存和订单数据也被清除。',
      '卖家移除应用时，亚马逊不会通知应用；我们会在亚马逊首次拒绝请求时发现，最迟在每日授权检查时发现。店铺的审计记录按上述期限保留，以便所有者继续查看访问历史。',
    ],
    accessLogTitle: '您的访问日志',
    accessLog: [
      '每次读取您店铺的数据都会被记录：时间、读取者（人员或系统任务）、数据类别、操作、原因和结果。',
      '店铺所有者可随时在运营中心查看此日志（“店铺”→“访问日志”）。您也可以向我们索取副本：请使用店铺所有者的邮箱写信至下方联系方式，注明店铺，我们会将其记录发送给您。',
    ],
    revokeTitle: '如何撤销访问权限',
    revokeSteps: [
      '在卖家中心打开“应用和服务”，然后进入“管理您的应用”。',
      '找到 Mint Hub Operations，选择移除（撤销）。',
      '完成：访问立即停止，随后执行上述步骤。店铺所有者也可以在 Mint Hub 的“店铺”页面为该店铺选择“断开连接”。',
    ],
    revokeAds:
      '广告访问权限可单独撤销：在 Mint Hub 的店铺页面操作，或在您亚马逊账户的“Login with Amazon”设置中移除。',
    contactTitle: '联系我们',
  },
};

export const PUBLIC_TEXT: Readonly<Record<Locale, PublicText>> = { en, 'zh-CN': zhCN };

export const publicText = (locale: Locale): PublicText => PUBLIC_TEXT[locale];
