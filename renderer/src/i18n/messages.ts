/**
 * The one message catalogue. zh-CN is written first and defines the keys; every other language
 * is typed `Catalogue`, so a missing (or misspelled) key fails the type-check instead of
 * showing a blank on the kiosk. `{name}` placeholders are filled by `translate`.
 */
import type { Language } from '../../../main/contract/contract.js';

const zhCN = {
  'app.connecting': '正在连接服务…',
  'app.linkLost': '与服务连接中断，正在重连…',
  'app.linkLostHint': '请稍候，或联系工作人员',
  'app.settingsFailed': '暂时无法读取本机设置，正在重试…',

  'demo.banner': '演示模式 · 未连接真实设备',
  'demo.detail': '本机为演示机：读卡、打印均为模拟，不会办理真实业务',

  'home.welcome': '欢迎使用自助服务',
  'home.prompt': '请点击您要办理的业务',
  'home.elder': '长辈版',
  'home.elder.activeHint': '已开启：大字、高对比',
  'home.elder.inactiveHint': '点此切换大字',
  'home.language.label': 'Switch to English',

  'tile.ticket': '取号',
  'tile.ticket.hint': '排队取号，凭票到窗口办理',
  'tile.caseQuery': '办件查询',
  'tile.caseQuery.hint': '查看您申报事项的进度',
  'tile.guide': '办事指南',
  'tile.guide.hint': '所需材料、流程与办理窗口',
  'tile.caseSubmit': '自助申报',
  'tile.caseSubmit.hint': '填写简单事项并打印回执',
  'tile.rating': '评价',
  'tile.rating.hint': '对本次服务进行好差评',
  'tile.unavailable': '暂不可用',
  'tile.linkDown': '正在重新连接，请稍候',

  'device.idReader': '身份证读卡器',
  'device.cardReader': '社保卡读卡器',
  'device.printer': '打印机',
  'device.hid': '外接设备',
  'device.state.ready': '正常',
  'device.state.busy': '忙',
  'device.state.fault': '故障',
  'device.state.absent': '未接入',
  'device.simulated': '（模拟）',
  'device.strip.label': '设备状态',
  'device.unknown': '设备状态未知',

  'nav.home': '返回首页',
  'nav.back': '上一步',

  'identify.title': '请将身份证放在读卡区',
  'identify.for': '办理：{service}',
  'identify.steps': '将身份证平放在屏幕下方的读卡区，听到提示音后再拿起',
  'identify.readerDown': '读卡器暂不可用，请手动输入身份证号',
  'identify.manual': '手动输入身份证号',
  'identify.illustration': '示意图：身份证平放在屏幕下方的读卡区',

  'keypad.title': '请输入身份证号',
  'keypad.hint': '共 18 位，最后一位可能是 X',
  'keypad.clear': '清空',
  'keypad.backspace': '删除',
  'keypad.confirm': '确认',
  'keypad.count': '已输入 {n} / 18 位',

  'placeholder.ticket': '这里将显示可取号的业务、当前排队人数，并打印排队票。',
  'placeholder.caseQuery': '这里将列出您的办件及办理进度（身份证号等信息会做脱敏显示）。',
  'placeholder.guide': '这里将按事项列出办事指南：所需材料、办理流程、办理窗口和时限。',
  'placeholder.caseSubmit': '这里将引导您填写申报表，提交到市级平台，并打印受理回执。',
  'placeholder.rating': '这里将对本次服务进行评价：非常满意、满意、基本满意、不满意、非常不满意。',
  'placeholder.identified': '身份已录入，本功能正在建设中。',
  'placeholder.soon': '本功能正在建设中',

  'idle.title': '还需要更多时间吗？',
  'idle.countdown': '{n} 秒后将返回首页，并清除您输入的信息',
  'idle.continue': '继续',
  'idle.leave': '结束并返回首页',

  'clock.label': '当前时间',

  'page.counter.title': '窗口工作台',
  'page.counter.body':
    '这里将是窗口工作人员的页面：登录窗口、叫号、重呼、过号、转移、暂停，以及当日业务量。',
  'page.display.title': '大厅综合屏',
  'page.display.body':
    '这里将显示当前叫号、各业务等候人数，并语音播报“请 A012 号到 3 号窗口办理”。',
  'page.technician.title': '运维页面',
  'page.technician.body':
    '这里将是运维人员的页面：检查各设备、打印测试票、读测试卡、登记本机、导出诊断包。下面是本机当前的真实状态。',
  'page.technician.devices': '设备状态（devices.status）',
  'page.technician.store': '本地数据库（technician.store）',
  'page.technician.config': '生效配置（technician.config，密钥已隐藏）',
  'page.technician.loading': '读取中…',
  'page.technician.failed': '读取失败：{message}',
  'page.technician.reload': '重新读取',
  'page.kiosk': '返回自助机首页',

  // ── identity (issue 3) ──

  // ── printing (issue 4) ──

  // ── queue (issue 5) ──

  // ── cases, outbox (issue 6) ──
  'cases.chooseService': '请选择要申报的事项',
  'cases.noCatalog': '暂时无法读取事项目录，请稍后再试或到窗口办理',
  'cases.catalogAge': '事项目录为离线缓存，更新于 {age} 前',
  'cases.fill': '请填写申报信息',
  'cases.required': '必填',
  'cases.keypadHint': '请用下方数字键输入',
  'cases.textHint': '点此用输入法输入',
  'cases.next': '下一步',
  'cases.review': '请核对申报信息',
  'cases.applicant': '申请人',
  'cases.consent': '本人确认以上信息真实有效，同意将其提交至市政务服务平台办理',
  'cases.submit': '确认提交',
  'cases.submitting': '正在提交…',
  'cases.done': '申报已受理',
  'cases.receiptNumber': '回执号',
  'cases.platformNumber': '平台办件号',
  'cases.pending': '等待平台受理（网络恢复后自动发送）',
  'cases.printed': '回执已打印，请取走',
  'cases.formInvalid': '该事项的表单定义有误，暂不能自助申报',
  'cases.mine': '您的办件',
  'cases.none': '暂无办件记录',
  'cases.live': '实时状态',
  'cases.cached': '离线缓存，更新于 {age} 前',
  'cases.state.pending': '待发送',
  'cases.state.delivered': '已提交平台',
  'cases.state.parked': '发送受阻，工作人员处理中',
  'cases.state.discarded': '已撤销',
  'cases.status.received': '已接收',
  'cases.status.accepted': '已受理',
  'cases.status.in-progress': '办理中',
  'cases.status.completed': '已办结',
  'cases.status.rejected': '未通过',
  'guide.materials': '所需材料',
  'guide.timeLimit': '承诺时限：{days} 个工作日',
  'guide.counters': '办理窗口：{counters}',
  'rating.prompt': '请对本次服务进行评价',
  'rating.subject': '评价对象（排队票号或回执号）',
  'rating.level.5': '非常满意',
  'rating.level.4': '满意',
  'rating.level.3': '基本满意',
  'rating.level.2': '不满意',
  'rating.level.1': '非常不满意',
  'rating.thanks': '感谢您的评价！',
  'age.seconds': '{n} 秒',
  'age.minutes': '{n} 分钟',
  'age.hours': '{n} 小时',
  'age.days': '{n} 天',
  'page.technician.outbox': '平台发送队列',
  'page.technician.deadLetters': '发送失败（需大厅管理员处理）',
  'outbox.retry': '重试',
  'outbox.discard': '作废',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Catalogue = { readonly [K in MessageKey]: string };

const en: Catalogue = {
  'app.connecting': 'Connecting to the service…',
  'app.linkLost': 'Connection to the service lost — reconnecting…',
  'app.linkLostHint': 'Please wait, or ask staff for help',
  'app.settingsFailed': 'Cannot read this kiosk’s settings yet — retrying…',

  'demo.banner': 'Demo mode · no real devices connected',
  'demo.detail':
    'This is a demo kiosk: card reading and printing are simulated; nothing is filed for real',

  'home.welcome': 'Welcome to self-service',
  'home.prompt': 'Tap what you would like to do',
  'home.elder': 'Large text',
  'home.elder.activeHint': 'On: large text, high contrast',
  'home.elder.inactiveHint': 'Tap for large text',
  'home.language.label': '切换到中文',

  'tile.ticket': 'Take a number',
  'tile.ticket.hint': 'Queue for a counter with a printed ticket',
  'tile.caseQuery': 'My cases',
  'tile.caseQuery.hint': 'See how your applications are going',
  'tile.guide': 'Service guide',
  'tile.guide.hint': 'Documents, steps and which counter',
  'tile.caseSubmit': 'Apply here',
  'tile.caseSubmit.hint': 'Fill in a simple application, get a receipt',
  'tile.rating': 'Rate us',
  'tile.rating.hint': 'Tell us how we served you',
  'tile.unavailable': 'Unavailable',
  'tile.linkDown': 'reconnecting, please wait',

  'device.idReader': 'ID card reader',
  'device.cardReader': 'Social security card reader',
  'device.printer': 'Printer',
  'device.hid': 'Keypads',
  'device.state.ready': 'OK',
  'device.state.busy': 'Busy',
  'device.state.fault': 'Fault',
  'device.state.absent': 'Not connected',
  'device.simulated': '(simulated)',
  'device.strip.label': 'Device status',
  'device.unknown': 'Device status unknown',

  'nav.home': 'Back to home',
  'nav.back': 'Back',

  'identify.title': 'Place your ID card on the reader',
  'identify.for': 'For: {service}',
  'identify.steps': 'Lay the card flat on the reader below the screen; lift it after the beep',
  'identify.readerDown': 'The card reader is unavailable — please type your ID number',
  'identify.manual': 'Type my ID number',
  'identify.illustration': 'Picture: an ID card lying flat on the reader below the screen',

  'keypad.title': 'Enter your ID number',
  'keypad.hint': '18 characters; the last one may be X',
  'keypad.clear': 'Clear',
  'keypad.backspace': 'Delete',
  'keypad.confirm': 'Confirm',
  'keypad.count': '{n} of 18 entered',

  'placeholder.ticket':
    'Here you will choose a service, see how many people are waiting, and get a printed ticket.',
  'placeholder.caseQuery':
    'Here you will see your cases and how far along they are (personal details masked).',
  'placeholder.guide':
    'Here you will find each service’s guide: documents needed, steps, counter and time limits.',
  'placeholder.caseSubmit':
    'Here you will fill in an application, send it to the city platform and get a printed receipt.',
  'placeholder.rating':
    'Here you will rate this visit: very satisfied, satisfied, fair, dissatisfied, very dissatisfied.',
  'placeholder.identified': 'Your ID has been entered. This service is still being built.',
  'placeholder.soon': 'This service is still being built',

  'idle.title': 'Do you need more time?',
  'idle.countdown': 'Returning home in {n} s and clearing what you entered',
  'idle.continue': 'Continue',
  'idle.leave': 'Finish and go home',

  'clock.label': 'Current time',

  'page.counter.title': 'Counter desk',
  'page.counter.body':
    'Counter staff will work here: sign in to a counter, call, recall, mark no-show, transfer, pause, and see the day’s figures.',
  'page.display.title': 'Hall display',
  'page.display.body':
    'Current calls and waiting counts will show here, with voice announcements (“A012, please go to counter 3”).',
  'page.technician.title': 'Technician',
  'page.technician.body':
    'Technicians will check each device, print a test ticket, read a test card, enroll this kiosk and export diagnostics here. Below is this machine’s live state.',
  'page.technician.devices': 'Devices (devices.status)',
  'page.technician.store': 'Local database (technician.store)',
  'page.technician.config': 'Effective config (technician.config, secrets masked)',
  'page.technician.loading': 'Loading…',
  'page.technician.failed': 'Could not read: {message}',
  'page.technician.reload': 'Read again',
  'page.kiosk': 'Back to the kiosk home',

  // ── identity (issue 3) ──

  // ── printing (issue 4) ──

  // ── queue (issue 5) ──

  // ── cases, outbox (issue 6) ──
  'cases.chooseService': 'Choose the service to apply for',
  'cases.noCatalog': 'The service list cannot be read now; try later or apply at a counter',
  'cases.catalogAge': 'Offline copy of the service list, updated {age} ago',
  'cases.fill': 'Fill in the application',
  'cases.required': 'required',
  'cases.keypadHint': 'Use the number keys below',
  'cases.textHint': 'Tap to type with the input method',
  'cases.next': 'Next',
  'cases.review': 'Check your application',
  'cases.applicant': 'Applicant',
  'cases.consent': 'I confirm this is true and agree to send it to the city service platform',
  'cases.submit': 'Submit',
  'cases.submitting': 'Submitting…',
  'cases.done': 'Application received',
  'cases.receiptNumber': 'Receipt number',
  'cases.platformNumber': 'Platform case number',
  'cases.pending': 'Waiting for the platform (sent automatically when the network is back)',
  'cases.printed': 'Your receipt is printed — please take it',
  'cases.formInvalid': 'This service’s form is broken; it cannot be applied for here',
  'cases.mine': 'Your cases',
  'cases.none': 'No cases yet',
  'cases.live': 'Live status',
  'cases.cached': 'Offline copy, updated {age} ago',
  'cases.state.pending': 'Waiting to send',
  'cases.state.delivered': 'Sent to the platform',
  'cases.state.parked': 'Held up; staff are on it',
  'cases.state.discarded': 'Withdrawn',
  'cases.status.received': 'Received',
  'cases.status.accepted': 'Accepted',
  'cases.status.in-progress': 'In progress',
  'cases.status.completed': 'Completed',
  'cases.status.rejected': 'Not approved',
  'guide.materials': 'What to bring',
  'guide.timeLimit': 'Decided within {days} working days',
  'guide.counters': 'Counters: {counters}',
  'rating.prompt': 'How did we serve you?',
  'rating.subject': 'What you rate (ticket or receipt number)',
  'rating.level.5': 'Very satisfied',
  'rating.level.4': 'Satisfied',
  'rating.level.3': 'Fairly satisfied',
  'rating.level.2': 'Dissatisfied',
  'rating.level.1': 'Very dissatisfied',
  'rating.thanks': 'Thank you for your rating!',
  'age.seconds': '{n} s',
  'age.minutes': '{n} min',
  'age.hours': '{n} h',
  'age.days': '{n} days',
  'page.technician.outbox': 'Platform outbox',
  'page.technician.deadLetters': 'Failed items (for a hall manager)',
  'outbox.retry': 'Retry',
  'outbox.discard': 'Discard',
};

export const catalogues: Readonly<Record<Language, Catalogue>> = { 'zh-CN': zhCN, en };
