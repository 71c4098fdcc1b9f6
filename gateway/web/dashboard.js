// The dashboard: a region picker, the region's figures from every domain, maps of
// its city and of the province, a table of the regions below it (a street's row
// drills down to its communities), and 12-month trends. It sends only registered
// operations (schema/operations/: RegionTree, DistrictDashboard, RegionTrends;
// gateway/operations/: DashboardStations), so it works under CIVIC_OPERATIONS=safelist.
//
// A later choice always wins: every load takes a new sequence number and aborts the
// requests of the one before, and an answer is drawn only while its number is current.
(function () {
  'use strict';
  var text = window.civicText;
  var t = text.t;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var PROVINCE = '35';
  var tokenInput = $('token');
  tokenInput.value = localStorage.getItem('civic.token') || '';

  var operations = {};
  var cities = [];
  var view = null; // what the page shows now: { code, region, children, down, messages, city, province, stations, trends, asOf }
  var sequence = 0;
  var inFlight = null;

  // Each figure: its key (label), the Region field, the figure and the subgraph
  // that answers it; `digits` for the decimals shown; `absent` what null means when
  // the subgraph answered: `noData` (no assessments, so no average) or, for counts,
  // `suppressed` (a small count withheld, statistical disclosure control).
  var COLUMNS = [
    { key: 'elders', group: 'elderCare', field: 'elders', service: 'elder-care' },
    { key: 'openRequests', group: 'elderCare', field: 'openRequests', service: 'elder-care' },
    { key: 'completedServices', group: 'elderCare', field: 'completedServices', service: 'elder-care' },
    { key: 'hoursDeposited', group: 'elderCare', field: 'hoursDeposited', service: 'elder-care', digits: 1 },
    { key: 'veterans', group: 'veterans', field: 'veterans', service: 'veteran-volunteers' },
    { key: 'teams', group: 'veterans', field: 'teams', service: 'veteran-volunteers' },
    { key: 'activities', group: 'veterans', field: 'activities', service: 'veteran-volunteers' },
    { key: 'stationCount', group: 'stationStats', field: 'stations', service: 'neighbour-stations' },
    { key: 'certified', group: 'stationStats', field: 'certified', service: 'assessments' },
    { key: 'openOrders', group: 'stationStats', field: 'openOrders', service: 'neighbour-stations' },
    { key: 'assessments', group: 'assessmentSummary', field: 'assessments', service: 'assessments' },
    { key: 'averageScore', group: 'assessmentSummary', field: 'averageScore', service: 'assessments', digits: 1, absent: 'noData' },
  ];
  var columnOf = function (key) {
    return (
      COLUMNS.find(function (c) {
        return c.key === key;
      }) || COLUMNS[0]
    );
  };
  var params = new URLSearchParams(location.search);
  var measure = columnOf(params.get('measure') || 'elders').key;

  // The trend charts: one measure each, so each has a scale of its own (placed and
  // completed requests are both counts of requests, so they share one).
  var TRENDS = [
    { key: 'requestsChart', fields: ['requestsPlacedByMonth', 'requestsCompletedByMonth'] },
    { key: 'hoursByMonth', fields: ['hoursByMonth'], digits: 1 },
    { key: 'veteranActivitiesByMonth', fields: ['veteranActivitiesByMonth'] },
    { key: 'stationOrdersByMonth', fields: ['stationOrdersByMonth'] },
    { key: 'assessmentsByMonth', fields: ['assessmentsByMonth'] },
  ];

  function authorization() {
    var token = tokenInput.value.trim();
    return token ? { authorization: 'Bearer ' + token.replace(/^Bearer\s+/i, '') } : {};
  }

  function graphql(name, variables, signal) {
    return fetch('/', {
      method: 'POST',
      headers: Object.assign({ 'content-type': 'application/json' }, authorization()),
      body: JSON.stringify({ query: operations[name], operationName: name, variables: variables }),
      signal: signal,
    }).then(function (r) {
      var answered = r.headers.get('date') ? new Date(r.headers.get('date')) : new Date();
      return r.json().then(function (body) {
        body.answeredAt = answered;
        return body;
      });
    });
  }

  function element(tag, content, className) {
    var e = document.createElement(tag);
    if (content != null) e.textContent = content;
    if (className) e.className = className;
    return e;
  }

  function setStatus(message, kind) {
    $('status').textContent = message || '';
    $('status').className = kind || '';
  }

  // --- figures --------------------------------------------------------------

  /**
   * One figure of one region: { kind, value }, kind `value`, `suppressed`,
   * `noData` (the domain holds nothing for the region, or no average without
   * assessments: never shown as 0) or `unavailable` (its subgraph did not answer).
   */
  function figure(region, column, down) {
    var stats = region[column.group];
    if (stats == null || down[column.service]) return { kind: 'unavailable' };
    if (isEmptyDomain(region, column.group)) return { kind: 'noData' };
    var value = stats[column.field];
    if (value == null) return { kind: column.absent || 'suppressed' };
    return { kind: 'value', value: value };
  }

  /** A domain with no record at all for the region: every one of its figures 0, none withheld. */
  function isEmptyDomain(region, group) {
    var stats = region[group];
    return COLUMNS.filter(function (c) {
      return c.group === group;
    }).every(function (c) {
      return stats[c.field] === 0 || (stats[c.field] == null && c.absent === 'noData');
    });
  }

  function shown(f, column) {
    if (f.kind === 'value') return text.number(f.value, column.digits);
    return t(f.kind);
  }

  function cell(tag, region, column, down) {
    var f = figure(region, column, down);
    var e = element(tag, shown(f, column), f.kind === 'value' ? '' : f.kind);
    if (f.kind === 'unavailable') e.title = column.service;
    return e;
  }

  // --- the page's parts -------------------------------------------------------

  function option(select, code, name, selected) {
    var o = element('option', name);
    o.value = code;
    o.selected = code === selected;
    select.appendChild(o);
  }

  /** The pickers follow the code shown: its city, its district (or the city as a whole). */
  function fillPickers(code) {
    var city = cities.find(function (c) {
      return code.indexOf(c.code) === 0;
    });
    var citySelect = $('city');
    citySelect.replaceChildren();
    option(citySelect, PROVINCE, t('province'), city ? '' : PROVINCE);
    cities.forEach(function (c) {
      option(citySelect, c.code, c.name, city && city.code);
    });
    var districtSelect = $('district');
    districtSelect.replaceChildren();
    if (!city) {
      option(districtSelect, PROVINCE, '—', PROVINCE);
      return;
    }
    option(districtSelect, city.code, city.name, code.slice(0, 6));
    city.children.forEach(function (d) {
      option(districtSelect, d.code, d.name, code.slice(0, 6));
    });
  }

  function nameOf(code) {
    if (code === PROVINCE) return t('province');
    var city = cities.find(function (c) {
      return c.code === code.slice(0, 4);
    });
    if (!city) return code;
    if (code.length === 4) return city.name;
    var district = city.children.find(function (d) {
      return d.code === code.slice(0, 6);
    });
    return district ? district.name : code;
  }

  function renderCrumbs(region) {
    var codes = [PROVINCE];
    [4, 6, 9].forEach(function (n) {
      if (region.code.length > n) codes.push(region.code.slice(0, n));
    });
    var crumbs = $('crumbs');
    crumbs.replaceChildren();
    codes.forEach(function (code) {
      var b = element('button', nameOf(code), 'crumb');
      b.type = 'button';
      b.title = t('back', { name: nameOf(code) });
      b.addEventListener('click', function () {
        choose(code);
      });
      crumbs.appendChild(b);
      crumbs.appendChild(document.createTextNode(' › '));
    });
    crumbs.appendChild(element('span', region.name));
  }

  function renderTotals(region, down) {
    $('title').textContent = region.name + '（' + region.code + '）';
    $('totals').replaceChildren.apply(
      $('totals'),
      COLUMNS.map(function (c) {
        var f = figure(region, c, down);
        var card = element('div', null, 'card ' + f.kind);
        card.appendChild(element('span', t(c.key)));
        card.appendChild(cell('b', region, c, down));
        return card;
      }),
    );
  }

  var LEVEL_WORD = { CITY: 'cityLevel', DISTRICT: 'districtLevel', STREET: 'street', COMMUNITY: 'community' };

  function renderChildren(region, children, down) {
    var level = children.length ? children[0].level : null;
    $('children-title').textContent = children.length
      ? t('children', { name: region.name, level: t(LEVEL_WORD[level] || 'street') })
      : t('noChildren', { name: region.name });
    var head = element('tr');
    head.appendChild(element('th', t('name')));
    COLUMNS.forEach(function (c) {
      head.appendChild(element('th', t(c.key)));
    });
    $('streets').tHead.replaceChildren(head);
    $('streets').tBodies[0].replaceChildren.apply(
      $('streets').tBodies[0],
      children.map(function (child) {
        var row = element('tr');
        row.dataset.code = child.code;
        var name = element('th');
        if (child.level === 'COMMUNITY') name.textContent = child.name;
        else {
          // a street's (or district's) row opens the regions below it
          var drill = element('button', child.name, 'drill');
          drill.type = 'button';
          drill.title = t('drill', { name: child.name });
          drill.addEventListener('click', function () {
            choose(child.code);
          });
          name.appendChild(drill);
        }
        row.appendChild(name);
        COLUMNS.forEach(function (c) {
          row.appendChild(cell('td', child, c, down));
        });
        return row;
      }),
    );
    renderBars(children, down);
  }

  /** One figure across the regions below: one measure, one scale. */
  function renderBars(children, down) {
    var column = columnOf(measure);
    var values = children.map(function (child) {
      return figure(child, column, down);
    });
    var chart = window.civicMap.chart($('bars'));
    chart.setOption(
      {
        animation: false,
        grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
        title: { text: t(column.key), textStyle: { fontSize: 13 } },
        tooltip: {
          trigger: 'axis',
          formatter: function (p) {
            var i = p[0].dataIndex;
            return children[i].name + '：' + shown(values[i], column);
          },
        },
        xAxis: {
          type: 'category',
          data: children.map(function (c) {
            return c.name;
          }),
          axisLabel: { interval: 0, rotate: children.length > 6 ? 40 : 0, fontSize: 10 },
        },
        yAxis: {
          type: 'value',
          name: '',
          axisLabel: {
            formatter: function (v) {
              return text.number(v);
            },
          },
        },
        series: [
          {
            type: 'bar',
            name: t(column.key),
            data: values.map(function (f) {
              return f.kind === 'value' ? f.value : null;
            }),
            itemStyle: { color: '#0b4f6c' },
          },
        ],
      },
      true,
    );
  }

  /** An area's figure for the maps: a number to colour by, and the words for its tooltip. */
  function areaFigures(regions, down) {
    var column = columnOf(measure);
    return regions.map(function (r) {
      var f = figure(r, column, down);
      return { code: r.code, value: f.kind === 'value' ? f.value : null, shown: shown(f, column) };
    });
  }

  function renderMaps() {
    if (!view) return;
    var column = columnOf(measure);
    var cityCode = view.region.code.length >= 4 ? view.region.code.slice(0, 4) : null;
    if (view.province) {
      $('province-map-title').textContent = t('provinceMap', { measure: t(column.key) });
      window.civicMap.drawProvince($('province-map'), {
        areas: areaFigures(view.province.children, view.province.down),
        measure: t(column.key),
        chosen: cityCode,
        onPick: function (code) {
          choose(code);
        },
      });
    }
    if (view.city && cityCode) {
      var stations = view.stations || [];
      $('city-map-title').textContent = t('cityMap', { name: nameOf(cityCode), measure: t(column.key) });
      $('stations-note').textContent = view.stations
        ? t('stations', {
            count: text.number(view.stationTotal),
            certified: text.number(
              stations.filter(function (s) {
                return s.certified === true;
              }).length,
            ),
          }) + (view.stationTotal > stations.length ? t('stationsCapped', { shown: text.number(stations.length) }) : '')
        : view.stationsFailed
          ? t('stationsUnavailable', { why: view.stationsFailed })
          : '';
      window.civicMap.drawCity($('city-map'), cityCode, {
        areas: areaFigures(view.city.children, view.city.down),
        measure: t(column.key),
        chosen: view.region.code.slice(0, 6),
        stations: stations,
        onPick: function (code) {
          choose(code);
        },
      });
    }
    $('city-map').parentElement.hidden = !cityCode;
  }

  function renderTrends() {
    var box = $('trends');
    if (!view || !view.trends) {
      box.replaceChildren();
      $('trends-status').textContent = view && view.trendsError ? t('trendsUnavailable') + '：' + view.trendsError : '';
      return;
    }
    var region = view.trends;
    $('trends-status').textContent = '';
    var panels = TRENDS.filter(function (c) {
      return c.fields.some(function (f) {
        return Array.isArray(region[f]);
      });
    });
    box.replaceChildren.apply(
      box,
      panels.map(function (c) {
        var panel = element('figure', null, 'trend');
        panel.dataset.trend = c.key;
        panel.appendChild(element('figcaption', t(c.key)));
        var chartBox = element('div', null, 'chart trend-chart');
        chartBox.id = 'trend-' + c.key;
        panel.appendChild(chartBox);
        var withheld = [];
        c.fields.forEach(function (f) {
          (region[f] || []).forEach(function (m) {
            if (m.suppressed || m.value == null) withheld.push(t(f) + ' ' + text.month(m.month));
          });
        });
        if (withheld.length) panel.appendChild(element('p', t('trendSuppressed') + '：' + withheld.join('、'), 'note suppressed'));
        return panel;
      }),
    );
    panels.forEach(function (c) {
      var months = (region[c.fields[0]] || []).map(function (m) {
        return m.month;
      });
      var chart = window.civicMap.chart($('trend-' + c.key));
      chart.setOption(
        {
          animation: false,
          grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
          legend: { show: c.fields.length > 1, top: 0, textStyle: { fontSize: 11 } },
          tooltip: {
            trigger: 'axis',
            formatter: function (p) {
              return (
                text.month(months[p[0].dataIndex]) +
                p
                  .map(function (s) {
                    var m = region[c.fields[s.seriesIndex]][s.dataIndex];
                    return '<br>' + s.seriesName + '：' + (m.suppressed || m.value == null ? t('trendSuppressed') : text.number(m.value, c.digits));
                  })
                  .join('')
              );
            },
          },
          xAxis: { type: 'category', data: months.map(text.month), axisLabel: { fontSize: 10 } },
          yAxis: {
            type: 'value',
            minInterval: c.digits ? 0 : 1,
            axisLabel: {
              formatter: function (v) {
                return text.number(v);
              },
            },
          },
          // a withheld month is a gap in the line, never a zero
          series: c.fields.map(function (f) {
            return {
              type: 'line',
              name: t(f),
              connectNulls: false,
              symbolSize: 5,
              data: region[f].map(function (m) {
                return m.suppressed || m.value == null ? null : m.value;
              }),
            };
          }),
        },
        true,
      );
    });
  }

  function renderAll() {
    text.apply();
    if (!view) return;
    fillPickers(view.region.code);
    renderCrumbs(view.region);
    renderTotals(view.region, view.down);
    renderChildren(view.region, view.children, view.down);
    $('asof').textContent = t('asOf', { time: text.dateTime(view.asOf) });
    var status = [];
    if (view.services.length) status.push(t('outage', { services: view.services.join(', ') }));
    if (view.messages.length) status.push(t('missing', { why: view.messages.join('; ') }));
    var empty = ['elderCare', 'veterans', 'stationStats', 'assessmentSummary'].every(function (g) {
      return view.region[g] && isEmptyDomain(view.region, g);
    });
    if (empty) status.push(t('emptyRegion', { name: view.region.name }));
    setStatus(status.join(' '), status.length ? 'warning' : '');
    renderMaps();
    renderTrends();
  }

  // --- loading ----------------------------------------------------------------

  /**
   * The subgraphs that did not answer, from the errors' serviceName: the rest of
   * the answer is shown, those figures are marked. Other errors are named as they are.
   */
  function outages(errors) {
    var down = {};
    var messages = [];
    (errors || []).forEach(function (e) {
      var service = e.extensions && e.extensions.serviceName;
      if (service) down[service] = true;
      else if (messages.indexOf(e.message) < 0) messages.push(e.message);
    });
    return { down: down, services: Object.keys(down), messages: messages };
  }

  /** `selfAndChildren` is the region first, then the regions below it. */
  function split(result) {
    var region = result.data && result.data.region;
    if (!region) return null;
    var found = outages(result.errors);
    return {
      region: region.selfAndChildren[0],
      children: region.selfAndChildren.slice(1),
      down: found.down,
      services: found.services,
      messages: found.messages,
    };
  }

  /** A bad code is named as one: the graph's BAD_USER_INPUT, or no region with that code. */
  function failure(code, result) {
    var bad = (result.errors || []).find(function (e) {
      return e.extensions && e.extensions.code === 'BAD_USER_INPUT';
    });
    if (bad) return t('badCode', { code: code, why: bad.message });
    if (result.errors && result.errors.length && !(result.data && result.data.region === null)) return t('loadFailed', { why: result.errors[0].message });
    return t('unknownCode', { code: code });
  }

  function dashboard(code, signal) {
    return graphql('DistrictDashboard', { code: code }, signal);
  }

  /** Every open station of the city, a page of 50 at a time (at most 20 pages drawn). */
  function stationsOf(cityCode, signal) {
    var all = [];
    var page = function (after, pages) {
      return graphql('DashboardStations', { code: cityCode, after: after }, signal).then(function (result) {
        var list = result.data && result.data.stations;
        if (!list) throw new Error(result.errors ? result.errors[0].message : 'no stations');
        list.edges.forEach(function (e) {
          all.push(e.node);
        });
        if (list.pageInfo.hasNextPage && pages < 20) return page(list.pageInfo.endCursor, pages + 1);
        return { stations: all, total: list.totalCount };
      });
    };
    return page(null, 1);
  }

  function choose(code) {
    history.replaceState(null, '', '?' + queryString(code));
    return load(code);
  }

  function queryString(code) {
    var q = new URLSearchParams(location.search);
    q.set('code', code);
    if (measure !== 'elders') q.set('measure', measure);
    else q.delete('measure');
    return q.toString();
  }

  function load(code) {
    var mine = ++sequence;
    if (inFlight) inFlight.abort();
    var controller = new AbortController();
    inFlight = controller;
    var current = function () {
      return mine === sequence;
    };
    $('main').setAttribute('aria-busy', 'true');
    $('main').classList.add('busy');
    setStatus(t('loading'), 'loading');
    fillPickers(code);
    var signal = controller.signal;
    var cityCode = code.length >= 4 ? code.slice(0, 4) : null;
    var main = dashboard(code, signal);
    // the maps' and trends' answers are awaited only once the region is known; until then a failure (an abort) is theirs to keep
    var quiet = function (p) {
      p.catch(function () {
        /* handled where it is awaited */
      });
      return p;
    };
    var province = quiet(code === PROVINCE ? main : dashboard(PROVINCE, signal));
    var city = quiet(!cityCode ? Promise.resolve(null) : cityCode === code ? main : dashboard(cityCode, signal));
    // without its stations the map still shows its districts, and says the points are missing
    var stations = cityCode
      ? stationsOf(cityCode, signal).catch(function (error) {
          return error.name === 'AbortError' ? Promise.reject(error) : { failed: error.message };
        })
      : Promise.resolve(null);
    var trends = quiet(operations.RegionTrends ? graphql('RegionTrends', { code: code }, signal) : Promise.resolve(null));

    var done = main
      .then(function (result) {
        if (!current()) return;
        var shownRegion = split(result);
        if (!shownRegion) {
          view = null;
          showFailure(failure(code, result));
          return;
        }
        view = Object.assign(shownRegion, { asOf: result.answeredAt, province: null, city: null, stations: null, trends: null });
        renderAll();
        // the maps and the trends follow as their answers come, each only while this choice is current
        var mine2 = view;
        return Promise.all([
          Promise.all([province, city, stations]).then(function (answers) {
            if (!current() || view !== mine2) return;
            view.province = split(answers[0]);
            view.city = answers[1] && split(answers[1]);
            if (answers[2] && answers[2].failed) view.stationsFailed = answers[2].failed;
            else if (answers[2]) {
              view.stations = answers[2].stations;
              view.stationTotal = answers[2].total;
            }
            renderMaps();
          }),
          trends.then(function (result) {
            if (!current() || view !== mine2 || !result) return;
            var region = result.data && result.data.region;
            if (region) view.trends = region;
            else view.trendsError = result.errors ? result.errors[0].message : '';
            renderTrends();
          }),
        ]);
      })
      .catch(function (error) {
        if (!current() || error.name === 'AbortError') return;
        if (!view) showFailure(t('loadFailed', { why: error.message }));
        else setStatus(t('loadFailed', { why: error.message }), 'error');
      });
    return done.then(function () {
      if (!current()) return;
      $('main').setAttribute('aria-busy', 'false');
      $('main').classList.remove('busy');
      if ($('status').className === 'loading') setStatus('');
    });
  }

  /** A region that cannot be shown: say why, and show nothing of the one before. */
  function showFailure(message) {
    $('title').textContent = '';
    $('crumbs').replaceChildren();
    $('asof').textContent = '';
    $('totals').replaceChildren();
    $('children-title').textContent = '';
    $('streets').tHead.replaceChildren();
    $('streets').tBodies[0].replaceChildren();
    $('trends').replaceChildren();
    ['bars', 'city-map', 'province-map'].forEach(function (id) {
      window.civicMap.chart($(id)).clear();
    });
    setStatus(message, 'error');
  }

  // --- export -----------------------------------------------------------------

  /**
   * The street table as a file, from the gateway's export route with the page's
   * token; the answer is saved as a blob.
   */
  function exportTable(format) {
    if (!view) return;
    var code = view.region.code;
    $('export-status').textContent = t('exporting');
    fetch('/export/streets.' + format + '?code=' + encodeURIComponent(code), { headers: authorization() })
      .then(function (r) {
        if (!r.ok) {
          return r.text().then(function (body) {
            var why = 'HTTP ' + r.status;
            try {
              why = JSON.parse(body).errors[0].message;
            } catch (_) {
              /* not JSON: keep the status */
            }
            throw new Error(why);
          });
        }
        // the Chinese name (RFC 6266 filename*) where the answer gives one, else its ASCII fallback
        var disposition = r.headers.get('content-disposition') || '';
        var utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
        var ascii = /filename="?([^";]+)"?/i.exec(disposition);
        var file = utf8 ? decodeURIComponent(utf8[1]) : ascii ? ascii[1] : 'streets-' + code + '.' + format;
        return r.blob().then(function (blob) {
          var link = element('a');
          link.href = URL.createObjectURL(blob);
          link.download = file;
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () {
            URL.revokeObjectURL(link.href);
          }, 10000);
          $('export-status').textContent = t('exported', { file: file });
        });
      })
      .catch(function (error) {
        $('export-status').textContent = t('exportFailed', { why: error.message });
      });
  }

  // --- start ------------------------------------------------------------------

  function fillMeasures() {
    var select = $('measure');
    select.replaceChildren();
    COLUMNS.forEach(function (c) {
      option(select, c.key, t(c.key), measure);
    });
  }

  tokenInput.addEventListener('change', function () {
    localStorage.setItem('civic.token', tokenInput.value.trim());
    if (view) load(view.region.code);
  });
  $('lang').addEventListener('click', function () {
    text.switchLanguage();
    fillMeasures();
    renderAll();
  });
  $('measure').addEventListener('change', function () {
    measure = $('measure').value;
    if (view) history.replaceState(null, '', '?' + queryString(view.region.code));
    renderAll();
  });
  $('city').addEventListener('change', function () {
    choose($('city').value);
  });
  $('district').addEventListener('change', function () {
    choose($('district').value);
  });
  $('export-csv').addEventListener('click', function () {
    exportTable('csv');
  });
  $('export-xlsx').addEventListener('click', function () {
    exportTable('xlsx');
  });

  text.apply();
  fillMeasures();
  var list = function (url) {
    return fetch(url).then(function (r) {
      return r.json();
    });
  };
  Promise.all([list('/_pages/operations.json'), list('/_pages/page-operations.json')])
    .then(function (lists) {
      lists[0].concat(lists[1]).forEach(function (op) {
        operations[op.name] = op.query;
      });
      return graphql('RegionTree', { code: PROVINCE }).then(function (result) {
        if (!result.data || !result.data.region) throw new Error(result.errors ? result.errors[0].message : 'RegionTree');
        cities = result.data.region.children;
        return load(params.get('code') || '350105');
      });
    })
    .catch(function (error) {
      showFailure(t('loadFailed', { why: error.message }));
    });
})();
