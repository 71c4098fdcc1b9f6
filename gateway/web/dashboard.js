// The district dashboard: a region picker, the district's figures from every
// domain, a chart and a table of its streets and towns. It sends the operations
// of schema/operations/ (RegionTree, DistrictDashboard) to the gateway as any
// dashboard would.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var tokenInput = $('token');
  tokenInput.value = localStorage.getItem('civic.token') || '';
  tokenInput.addEventListener('change', function () {
    localStorage.setItem('civic.token', tokenInput.value.trim());
    load($('district').value);
  });
  var operations = {};
  var chart = null;

  function graphql(name, variables) {
    var headers = { 'content-type': 'application/json' };
    var token = tokenInput.value.trim();
    if (token) headers.authorization = 'Bearer ' + token.replace(/^Bearer\s+/i, '');
    return fetch('/', {
      method: 'POST',
      headers: headers,
      body: JSON.stringify({ query: operations[name], operationName: name, variables: variables }),
    }).then(function (r) { return r.json(); });
  }

  function option(select, region, selected) {
    var o = document.createElement('option');
    o.value = region.code;
    o.textContent = region.name;
    o.selected = region.code === selected;
    select.appendChild(o);
  }

  function fillDistricts(city, selected) {
    var select = $('district');
    select.innerHTML = '';
    city.children.forEach(function (d) { option(select, d, selected); });
  }

  // Each figure: its label, the Region field and the subgraph that answers it. A
  // figure whose subgraph did not answer shows "unavailable"; a figure that is
  // null otherwise (a small count withheld, no score yet) shows a dash.
  var COLUMNS = [
    ['Elders', 'elderCare', 'elders', 'elder-care'],
    ['Open requests', 'elderCare', 'openRequests', 'elder-care'],
    ['Services done', 'elderCare', 'completedServices', 'elder-care'],
    ['Hours deposited', 'elderCare', 'hoursDeposited', 'elder-care'],
    ['Veterans', 'veterans', 'veterans', 'veteran-volunteers'],
    ['Veteran teams', 'veterans', 'teams', 'veteran-volunteers'],
    ['Activities', 'veterans', 'activities', 'veteran-volunteers'],
    ['Stations', 'stationStats', 'stations', 'neighbour-stations'],
    ['Certified', 'stationStats', 'certified', 'assessments'],
    ['Open orders', 'stationStats', 'openOrders', 'neighbour-stations'],
    ['Assessments', 'assessmentSummary', 'assessments', 'assessments'],
    ['Average score', 'assessmentSummary', 'averageScore', 'assessments', function (s) { return s.toFixed(1); }],
  ];
  var UNAVAILABLE = 'unavailable';

  /** The figure of one column for one region: a number, null (withheld or none) or UNAVAILABLE. */
  function figure(region, column, down) {
    var stats = region[column[1]];
    if (stats == null || down[column[3]]) return UNAVAILABLE;
    return stats[column[2]];
  }

  function show(value, column) {
    if (value === UNAVAILABLE) return UNAVAILABLE;
    if (value == null) return '–';
    return column[4] ? column[4](value) : String(value);
  }

  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function cell(tag, region, column, down) {
    var value = figure(region, column, down);
    var e = element(tag, show(value, column), value === UNAVAILABLE ? UNAVAILABLE : '');
    if (value === UNAVAILABLE) e.title = 'the ' + column[3] + ' service did not answer';
    return e;
  }

  function render(region, down) {
    $('title').textContent = region.name + ' (' + region.code + ')';
    $('totals').replaceChildren.apply($('totals'), COLUMNS.map(function (c) {
      var card = element('div', null, figure(region, c, down) === UNAVAILABLE ? 'card ' + UNAVAILABLE : 'card');
      card.appendChild(element('span', c[0]));
      card.appendChild(cell('b', region, c, down));
      return card;
    }));
    var head = element('tr');
    head.appendChild(element('th', 'Street / town'));
    COLUMNS.forEach(function (c) { head.appendChild(element('th', c[0])); });
    $('streets').tHead.replaceChildren(head);
    $('streets').tBodies[0].replaceChildren.apply($('streets').tBodies[0], region.children.map(function (s) {
      var row = element('tr');
      row.appendChild(element('th', s.name));
      COLUMNS.forEach(function (c) { row.appendChild(cell('td', s, c, down)); });
      return row;
    }));
    // A domain that did not answer has no bars (Chart.js leaves null values out).
    var series = function (label, index) {
      return {
        label: down[COLUMNS[index][3]] ? label + ' (unavailable)' : label,
        data: region.children.map(function (s) { var v = figure(s, COLUMNS[index], down); return typeof v === 'number' ? v : null; }),
      };
    };
    var data = {
      labels: region.children.map(function (s) { return s.name; }),
      datasets: [series('Elders', 0), series('Veterans', 4), series('Stations', 7)],
    };
    if (chart) chart.destroy();
    chart = new Chart($('chart'), { type: 'bar', data: data, options: { animation: false, responsive: true } });
  }

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
    var services = Object.keys(down);
    var status = [];
    if (services.length) status.push('Unavailable: ' + services.join(', ') + ' (figures marked "unavailable"; the others are current)');
    if (messages.length) status.push('Some figures are missing: ' + messages.join('; '));
    return { down: down, status: status.join('. ') };
  }

  /**
   * The operation asks `selfAndChildren` (the district first, then its streets and
   * towns: one call to each domain for all of them); the page shows the district
   * with its `children`.
   */
  function districtOf(answer) {
    if (!answer) return null;
    var list = answer.selfAndChildren;
    return Object.assign({}, list[0], { children: list.slice(1) });
  }

  function load(code) {
    $('status').textContent = 'Loading…';
    history.replaceState(null, '', '?code=' + code);
    return graphql('DistrictDashboard', { code: code }).then(function (result) {
      var region = districtOf(result.data && result.data.region);
      if (!region) throw new Error(result.errors ? result.errors[0].message : 'no region ' + code);
      var found = outages(result.errors);
      $('status').textContent = found.status;
      render(region, found.down);
    }).catch(function (error) {
      $('status').textContent = 'Could not load the dashboard: ' + error.message;
    });
  }

  fetch('/_pages/operations.json').then(function (r) { return r.json(); }).then(function (list) {
    list.forEach(function (op) { operations[op.name] = op.query; });
    var wanted = new URLSearchParams(location.search).get('code') || '350105';
    return graphql('RegionTree', { code: '35' }).then(function (result) {
      var cities = result.data.region.children;
      var city = cities.find(function (c) { return wanted.indexOf(c.code) === 0; }) || cities[0];
      cities.forEach(function (c) { option($('city'), c, city.code); });
      fillDistricts(city, wanted);
      $('city').addEventListener('change', function () {
        var chosen = cities.find(function (c) { return c.code === $('city').value; });
        fillDistricts(chosen);
        load($('district').value);
      });
      $('district').addEventListener('change', function () { load($('district').value); });
      return load($('district').value);
    });
  });
})();
