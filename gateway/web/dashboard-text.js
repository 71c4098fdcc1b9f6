// The dashboard's words and formats: Chinese first (zh-CN grouping, 2026年11月),
// English on the switch. Every other dashboard script takes its labels from here
// (window.civicText), and every element with data-t is relabelled on a switch.
(function () {
  'use strict';
  var WORDS = {
    zh: {
      heading: '社区治理数据看板',
      city: '城市',
      district: '区县',
      measure: '指标',
      token: '令牌',
      tokenHint: '可选',
      playground: '调试台',
      province: '福建省',
      loading: '加载中…',
      trends: '近12个月趋势',
      exportCsv: '导出 CSV',
      exportXlsx: '导出 Excel',
      exporting: '正在导出…',
      exported: '已导出 {file}',
      exportFailed: '导出失败：{why}',
      asOf: '数据截至 {time}',
      children: '{name}下辖{level}',
      street: '街道/乡镇',
      community: '社区/村',
      cityLevel: '城市',
      districtLevel: '区县',
      cityMap: '{name}各区县：{measure}',
      provinceMap: '全省九市：{measure}',
      stations: '驿站 {count} 个（已授牌 {certified} 个）',
      stationsCapped: '（仅显示前 {shown} 个）',
      stationsUnavailable: '驿站位置暂不可用：{why}',
      certifiedStation: '已授牌驿站',
      uncertifiedStation: '未授牌驿站',
      noData: '无数据',
      suppressed: '<5 已隐藏',
      unavailable: '暂不可用',
      emptyRegion: '{name}暂无任何业务数据（显示“无数据”，并非 0）',
      noChildren: '{name}没有下级地区',
      badCode: '地区编码 “{code}” 无效：{why}',
      unknownCode: '找不到地区编码 “{code}”',
      loadFailed: '无法加载看板：{why}',
      outage: '暂不可用：{services}（相关数字标为“暂不可用”，其余为最新数据）',
      missing: '部分数字缺失：{why}',
      name: '名称',
      back: '返回 {name}',
      drill: '查看{name}下辖社区',
      trendsUnavailable: '趋势数据暂不可用',
      trendSuppressed: '已隐藏（<5）',
      elders: '登记老人',
      openRequests: '待响应请求',
      completedServices: '已完成服务',
      hoursDeposited: '存入时长（小时）',
      veterans: '退役军人',
      teams: '志愿服务队',
      activities: '志愿活动',
      stationCount: '驿站',
      certified: '已授牌',
      openOrders: '未完成订单',
      assessments: '考评',
      averageScore: '平均分',
      requestsPlacedByMonth: '新增服务请求',
      requestsCompletedByMonth: '完成服务请求',
      hoursByMonth: '服务时长（小时）',
      veteranActivitiesByMonth: '退役军人志愿活动',
      stationOrdersByMonth: '驿站订单',
      assessmentsByMonth: '考评',
      requestsChart: '服务请求（件）',
      switchTo: 'English',
    },
    en: {
      heading: 'Community dashboard',
      city: 'City',
      district: 'District',
      measure: 'Figure',
      token: 'Token',
      tokenHint: 'optional',
      playground: 'Playground',
      province: 'Fujian',
      loading: 'Loading…',
      trends: 'The last 12 months',
      exportCsv: 'Export CSV',
      exportXlsx: 'Export Excel',
      exporting: 'Exporting…',
      exported: 'Saved {file}',
      exportFailed: 'Export failed: {why}',
      asOf: 'As of {time}',
      children: '{level} of {name}',
      street: 'Streets and towns',
      community: 'Communities and villages',
      cityLevel: 'Cities',
      districtLevel: 'Districts',
      cityMap: '{name} districts: {measure}',
      provinceMap: 'The nine cities: {measure}',
      stations: '{count} stations ({certified} certified)',
      stationsCapped: ' (the first {shown} shown)',
      stationsUnavailable: 'Station points unavailable: {why}',
      certifiedStation: 'certified station',
      uncertifiedStation: 'station without a plaque',
      noData: 'no data',
      suppressed: '<5 suppressed',
      unavailable: 'unavailable',
      emptyRegion: '{name} has no records in any domain yet (shown as "no data", not 0)',
      noChildren: '{name} has no regions below it',
      badCode: 'The region code "{code}" is not valid: {why}',
      unknownCode: 'No region has the code "{code}"',
      loadFailed: 'Could not load the dashboard: {why}',
      outage: 'Unavailable: {services} (figures marked "unavailable"; the others are current)',
      missing: 'Some figures are missing: {why}',
      name: 'Name',
      back: 'Back to {name}',
      drill: 'Communities of {name}',
      trendsUnavailable: 'Trends are unavailable',
      trendSuppressed: 'suppressed (<5)',
      elders: 'Elders',
      openRequests: 'Open requests',
      completedServices: 'Services done',
      hoursDeposited: 'Hours deposited',
      veterans: 'Veterans',
      teams: 'Veteran teams',
      activities: 'Activities',
      stationCount: 'Stations',
      certified: 'Certified',
      openOrders: 'Open orders',
      assessments: 'Assessments',
      averageScore: 'Average score',
      requestsPlacedByMonth: 'Requests placed',
      requestsCompletedByMonth: 'Requests completed',
      hoursByMonth: 'Hours of service',
      veteranActivitiesByMonth: 'Veteran activities',
      stationOrdersByMonth: 'Station orders',
      assessmentsByMonth: 'Assessments',
      requestsChart: 'Service requests',
      switchTo: '中文',
    },
  };
  var LOCALES = { zh: 'zh-CN', en: 'en-GB' };
  var stored = new URLSearchParams(location.search).get('lang') || localStorage.getItem('civic.lang');
  var lang = stored === 'en' ? 'en' : 'zh';

  function t(key, values) {
    var text = WORDS[lang][key] || key;
    return text.replace(/\{(\w+)\}/g, function (_, name) {
      return values && values[name] != null ? values[name] : '';
    });
  }

  function number(value, digits) {
    return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits || 0, minimumFractionDigits: digits || 0 }).format(value);
  }

  /** "2026-11" as 2026年11月 (or Nov 2026). */
  function month(yyyyMm) {
    var parts = yyyyMm.split('-');
    return new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: lang === 'zh' ? 'long' : 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(parts[0]), Number(parts[1]) - 1, 1)),
    );
  }

  /** A moment in Fujian's time: 2026年12月2日 12:05. */
  function dateTime(date) {
    return new Intl.DateTimeFormat(LOCALES[lang], {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Asia/Shanghai',
    }).format(date);
  }

  function apply() {
    document.documentElement.lang = LOCALES[lang];
    document.title = t('heading');
    document.querySelectorAll('[data-t]').forEach(function (e) {
      e.textContent = t(e.getAttribute('data-t'));
    });
    document.querySelectorAll('[data-t-placeholder]').forEach(function (e) {
      e.placeholder = t(e.getAttribute('data-t-placeholder'));
    });
    var button = document.getElementById('lang');
    if (button) {
      button.textContent = t('switchTo');
      button.lang = lang === 'zh' ? 'en' : 'zh-CN';
    }
  }

  function switchLanguage() {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('civic.lang', lang);
    apply();
  }

  window.civicText = {
    t: t,
    number: number,
    month: month,
    dateTime: dateTime,
    apply: apply,
    switchLanguage: switchLanguage,
    lang: function () {
      return lang;
    },
  };
})();
