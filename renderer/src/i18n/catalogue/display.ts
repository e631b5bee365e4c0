/** The hall display. zh-CN defines the keys; en must have each. */
export const zhCN = {
  'page.display.title': '大厅综合屏',
  'page.display.body':
    '这里将显示当前叫号、各业务等候人数，并语音播报“请 A012 号到 3 号窗口办理”。',
  'queue.display.calls': '叫号',
  'queue.display.counters': '窗口',
  'queue.display.waiting': '等候人数',
  'queue.display.counter': '{n} 号窗口',
  'queue.display.idle': '空闲',
  'queue.display.closed': '未开放',
  'queue.display.paused': '暂停服务',
  'queue.display.voiceLog': '播报记录',
  'queue.display.token': '请输入本屏的设备令牌',
  'queue.display.save': '保存',
  'queue.display.enableSound': '启用声音',
  'queue.display.none': '暂无叫号',
} as const;

export const en: { readonly [K in keyof typeof zhCN]: string } = {
  'page.display.title': 'Hall display',
  'page.display.body':
    'Current calls and waiting counts will show here, with voice announcements (“A012, please go to counter 3”).',
  'queue.display.calls': 'Calls',
  'queue.display.counters': 'Counters',
  'queue.display.waiting': 'Waiting',
  'queue.display.counter': 'Counter {n}',
  'queue.display.idle': 'Free',
  'queue.display.closed': 'Closed',
  'queue.display.paused': 'Paused',
  'queue.display.voiceLog': 'Announcements',
  'queue.display.token': "Enter this display's device token",
  'queue.display.save': 'Save',
  'queue.display.enableSound': 'Enable sound',
  'queue.display.none': 'No calls yet',
};
