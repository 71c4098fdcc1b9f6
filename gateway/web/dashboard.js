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

  var COLUMNS = [
    ['Elders', function (r) { return r.elderCare.elders; }],
    ['Open requests', function (r) { return r.elderCare.openRequests; }],
    ['Services done', function (r) { return r.elderCare.completedServices; }],
    ['Hours deposited', function (r) { return r.elderCare.hoursDeposited; }],
    ['Veterans', function (r) { return r.veterans.veterans; }],
    ['Veteran teams', function (r) { return r.veterans.teams; }],
    ['Activities', function (r) { return r.veterans.activities; }],
    ['Stations', function (r) { return r.stationStats.stations; }],
    ['Certified', function (r) { return r.stationStats.certified; }],
    ['Open orders', function (r) { return r.stationStats.openOrders; }],
    ['Assessments', function (r) { return r.assessmentSummary.assessments; }],
    ['Average score', function (r) { var s = r.assessmentSummary.averageScore; return s == null ? '–' : s.toFixed(1); }],
  ];

  function render(region) {
    $('title').textContent = region.name + ' (' + region.code + ')';
    $('totals').innerHTML = COLUMNS.map(function (c) {
      return '<div class="card"><span>' + c[0] + '</span><b>' + c[1](region) + '</b></div>';
    }).join('');
    $('streets').tHead.innerHTML = '<tr><th>Street / town</th>' + COLUMNS.map(function (c) { return '<th>' + c[0] + '</th>'; }).join('') + '</tr>';
    $('streets').tBodies[0].innerHTML = region.children.map(function (s) {
      return '<tr><th>' + s.name + '</th>' + COLUMNS.map(function (c) { return '<td>' + c[1](s) + '</td>'; }).join('') + '</tr>';
    }).join('');
    var data = {
      labels: region.children.map(function (s) { return s.name; }),
      datasets: [
        { label: 'Elders', data: region.children.map(function (s) { return s.elderCare.elders; }) },
        { label: 'Veterans', data: region.children.map(function (s) { return s.veterans.veterans; }) },
        { label: 'Stations', data: region.children.map(function (s) { return s.stationStats.stations; }) },
      ],
    };
    if (chart) chart.destroy();
    chart = new Chart($('chart'), { type: 'bar', data: data, options: { animation: false, responsive: true } });
  }

  function load(code) {
    $('status').textContent = 'Loading…';
    history.replaceState(null, '', '?code=' + code);
    return graphql('DistrictDashboard', { code: code }).then(function (result) {
      if (result.errors && !result.data) throw new Error(result.errors[0].message);
      $('status').textContent = result.errors ? 'Some figures are missing: ' + result.errors[0].message : '';
      render(result.data.region);
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
