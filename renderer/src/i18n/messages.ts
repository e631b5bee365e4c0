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
  'identity.reading': '正在读卡，请不要移动证件',
  'identity.found': '已识别，请核对',
  'identity.check': '请核对以下信息是否为您本人',
  'identity.name': '姓名',
  'identity.idNumber': '身份证号',
  'identity.source.id-card': '居民身份证',
  'identity.source.social-security-card': '社会保障卡',
  'identity.source.manual': '手工输入',
  'identity.source.badge': '工牌',
  'identity.continue': '确认，继续办理',
  'identity.demo.title': '演示：放置示例证件',
  'identity.demo.elder': '老年人（76 岁）',
  'identity.demo.minority': '少数民族姓名（含 ·）',
  'identity.demo.rare': '生僻字姓名',
  'identity.demo.expired': '过期证件',
  'identity.demo.unreadable': '读卡失败',

  // ── printing (issue 4) ──
  'printer.tools.heading': '打印机工具',
  'printer.tools.testPrint': '打印测试页',
  'printer.tools.previewTicket': '预览排队凭条',
  'printer.tools.previewReceipt': '预览受理回执',
  'printer.tools.previewAlt': '打印预览',
  'printer.tools.printed': '测试页已打印并确认（记录 {job}）',
  'page.technician.printer': '打印机状态（printer.status）',

  // ── queue (issue 5) ──

  // ── cases, outbox (issue 6) ──
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
  'identity.reading': 'Reading — please do not move the card',
  'identity.found': 'Identified — please check',
  'identity.check': 'Please check that this is you',
  'identity.name': 'Name',
  'identity.idNumber': 'ID number',
  'identity.source.id-card': 'Resident ID card',
  'identity.source.social-security-card': 'Social-security card',
  'identity.source.manual': 'Typed in',
  'identity.source.badge': 'Staff badge',
  'identity.continue': 'Confirm and continue',
  'identity.demo.title': 'Demo: place a sample card',
  'identity.demo.elder': 'Elder (76)',
  'identity.demo.minority': 'Minority name (with ·)',
  'identity.demo.rare': 'Rare character',
  'identity.demo.expired': 'Expired card',
  'identity.demo.unreadable': 'Read fails',

  // ── printing (issue 4) ──
  'printer.tools.heading': 'Printer tools',
  'printer.tools.testPrint': 'Print a test page',
  'printer.tools.previewTicket': 'Preview a ticket',
  'printer.tools.previewReceipt': 'Preview a receipt',
  'printer.tools.previewAlt': 'Print preview',
  'printer.tools.printed': 'Test page printed and confirmed (job {job})',
  'page.technician.printer': 'Printer status (printer.status)',

  // ── queue (issue 5) ──

  // ── cases, outbox (issue 6) ──
};

export const catalogues: Readonly<Record<Language, Catalogue>> = { 'zh-CN': zhCN, en };
