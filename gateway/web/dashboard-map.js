// The dashboard's maps, drawn with Apache ECharts from our own trimmed boundary
// file (/_assets/fujian-boundaries.json, made by scripts/boundaries.ts): a city's
// districts or the province's nine cities, each area coloured by the chosen
// figure, a city's stations as points coloured by their plaque (certification).
// An area whose figure is withheld or missing keeps the neutral colour and says
// so in its tooltip: it is never coloured as a zero.
(function () {
  'use strict';
  var text = window.civicText;
  var boundaries = null;
  var charts = {};

  function loadBoundaries() {
    boundaries =
      boundaries ||
      fetch('/_assets/fujian-boundaries.json').then(function (r) {
        if (!r.ok) throw new Error('boundaries: HTTP ' + r.status);
        return r.json();
      });
    return boundaries;
  }

  function chartOf(element) {
    var chart = charts[element.id];
    if (!chart) {
      chart = echarts.init(element, null, { renderer: 'canvas' });
      charts[element.id] = chart;
    }
    return chart;
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (id) {
      charts[id].resize();
    });
  });

  /**
   * Draws `collection` (a GeoJSON FeatureCollection whose features carry `code`
   * and `name`) into `element`; `areas` holds each area's { code, value, shown }
   * (value a number or null; shown the text for the tooltip), `chosen` the code to
   * outline, `stations` the points, `onPick(code)` is called when an area is clicked.
   */
  function draw(element, mapName, collection, options) {
    echarts.registerMap(mapName, collection);
    var byName = {};
    collection.features.forEach(function (f) {
      byName[f.properties.name] = f.properties.code;
    });
    var areas = {};
    options.areas.forEach(function (a) {
      areas[a.code] = a;
    });
    var values = options.areas
      .map(function (a) {
        return a.value;
      })
      .filter(function (v) {
        return typeof v === 'number';
      });
    var max = values.length ? Math.max.apply(null, values) : 1;
    var min = values.length ? Math.min.apply(null, values) : 0;
    var data = collection.features.map(function (f) {
      var area = areas[f.properties.code];
      var value = area && typeof area.value === 'number' ? area.value : NaN;
      var item = { name: f.properties.name, code: f.properties.code, value: value };
      if (f.properties.code === options.chosen) item.itemStyle = { borderColor: '#d84315', borderWidth: 2.5 };
      return item;
    });
    var stations = options.stations || [];
    var point = function (certified) {
      return stations
        .filter(function (s) {
          return (s.certified === true) === certified;
        })
        .map(function (s) {
          return { name: s.name, value: [s.longitude, s.latitude] };
        });
    };
    var series = [
      {
        type: 'map',
        map: mapName,
        geoIndex: 0,
        name: options.measure,
        data: data,
      },
    ];
    if (options.stations) {
      series.push(
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          name: text.t('certifiedStation'),
          data: point(true),
          symbolSize: 7,
          itemStyle: { color: '#2e7d32', borderColor: '#fff', borderWidth: 1 },
          z: 3,
        },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          name: text.t('uncertifiedStation'),
          data: point(false),
          symbolSize: 6,
          symbol: 'diamond',
          itemStyle: { color: '#ef6c00', borderColor: '#fff', borderWidth: 1 },
          z: 3,
        },
      );
    }
    var chart = chartOf(element);
    chart.off('click');
    chart.setOption(
      {
        animation: false,
        // ECharts describes the map in an aria-label, for a screen reader
        aria: { enabled: true },
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            if (p.seriesType === 'scatter') return p.seriesName + '<br>' + escapeHtml(p.name);
            var area = areas[byName[p.name]];
            return escapeHtml(p.name) + '<br>' + escapeHtml(options.measure) + '：' + escapeHtml(area ? area.shown : text.t('noData'));
          },
        },
        legend: options.stations
          ? { bottom: 0, left: 0, textStyle: { fontSize: 11 }, data: [text.t('certifiedStation'), text.t('uncertifiedStation')] }
          : { show: false },
        visualMap: {
          type: 'continuous',
          seriesIndex: 0,
          min: min,
          max: max === min ? min + 1 : max,
          calculable: false,
          orient: 'vertical',
          right: 0,
          top: 0,
          itemHeight: 90,
          itemWidth: 10,
          text: [text.number(max, max % 1 ? 1 : 0), text.number(min, min % 1 ? 1 : 0)],
          inRange: { color: ['#e3f2fd', '#64b5f6', '#0d47a1'] },
          outOfRange: { color: '#eceff1' },
        },
        geo: {
          map: mapName,
          roam: false,
          layoutCenter: ['46%', '48%'],
          layoutSize: '92%',
          selectedMode: false,
          itemStyle: { areaColor: '#eceff1', borderColor: '#90a4ae', borderWidth: 0.6 },
          emphasis: { itemStyle: { areaColor: '#ffe082' }, label: { show: true } },
          label: { show: options.labels, fontSize: 10, color: '#263238' },
        },
        series: series,
      },
      true,
    );
    chart.on('click', function (p) {
      if (p.seriesType === 'map' && byName[p.name] && options.onPick) options.onPick(byName[p.name]);
    });
    return chart;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    });
  }

  window.civicMap = {
    /** The city's districts, with its stations. */
    drawCity: function (element, cityCode, options) {
      return loadBoundaries().then(function (b) {
        var collection = b.cities[cityCode];
        if (!collection) throw new Error('no boundaries for ' + cityCode);
        return draw(element, 'civic-' + cityCode, collection, Object.assign({ labels: true }, options));
      });
    },
    /** The province's nine cities. */
    drawProvince: function (element, options) {
      return loadBoundaries().then(function (b) {
        return draw(element, 'civic-35', b.province, Object.assign({ labels: true }, options));
      });
    },
    /** A chart of the page's own (bars, lines) on the same resize handling. */
    chart: chartOf,
  };
})();
