// The Customer Lens dashboard: one customer's analysis, the base overview, live updates.
// Everything from the server is placed with textContent, never as markup.
(function () {
  "use strict";
  var ID_PATTERN = /^[^\u0000-\u001f\u007f]{1,128}$/;
  var PAGE_SIZE = 20;
  var state = { customer: null, view: "comprehensive", offset: 0, total: 0 };
  var $ = function (id) { return document.getElementById(id); };

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function showMessage(text, kind) {
    var box = $("message");
    box.textContent = text;
    box.className = "message" + (kind ? " " + kind : "");
    box.hidden = !text;
  }

  /** Fetches JSON; rejects with a message a reader can act on. */
  function api(path, options) {
    return fetch(path, options).then(function (response) {
      return response.text().then(function (body) {
        var json = null;
        try { json = body ? JSON.parse(body) : null; } catch (e) { json = null; }
        if (!response.ok) {
          var detail = json && (json.detail || json.error) ? (json.detail || json.error) : response.statusText;
          var error = new Error(detail);
          error.status = response.status;
          throw error;
        }
        return json;
      });
    }, function () {
      throw new Error("Cannot reach the server. Is `lens serve` still running?");
    });
  }

  function percent(x) { return x === null || x === undefined ? "–" : x.toFixed(1) + "%"; }
  // The rule of the Java side's NumberStyle: cents below $1,000, whole dollars from there.
  function money(x) {
    if (x === null || x === undefined) return "–";
    var digits = Math.abs(Math.round(x * 100)) < 100000 ? 2 : 0;
    return "$" + x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function placeFigure(container, entry) {
    var card = element("div", "card");
    var chart = element("div", "chart");
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", entry.title);
    chart.setAttribute("data-title", entry.title);
    card.appendChild(chart);
    container.appendChild(card);
    return chart;
  }

  function drawFigure(chart, entry) {
    try {
      if (typeof Plotly === "undefined") throw new Error("plotly.js did not load");
      Plotly.newPlot(chart, entry.figure.data, entry.figure.layout, { responsive: true, displaylogo: false })
        .then(function () { chart.setAttribute("data-drawn", "true"); },
              function (e) { failChart(chart, e); });
    } catch (e) {
      failChart(chart, e);
    }
  }

  function failChart(chart, error) {
    chart.textContent = "";
    chart.appendChild(element("div", "chart-error", "This chart could not be drawn: " + (error && error.message || error)));
    chart.setAttribute("data-drawn", "false");
  }

  /** Every card goes in first, so the grid has its final columns before Plotly measures a chart. */
  function drawFigures(container, figures) {
    container.textContent = "";
    var charts = figures.map(function (entry) { return placeFigure(container, entry); });
    figures.forEach(function (entry, i) { drawFigure(charts[i], entry); });
  }

  function tile(label, value, basis, explanation) {
    var t = element("div", "tile");
    var v = element("div", "value", value);
    t.appendChild(v);
    var l = element("div", "label", label);
    l.appendChild(element("span", "tag " + basis, basis));
    t.appendChild(l);
    if (explanation) {
      var more = element("details");
      more.appendChild(element("summary", null, "How is this computed?"));
      more.appendChild(element("p", null, explanation));
      t.appendChild(more);
      t.title = explanation;
    }
    return t;
  }

  function renderCustomer(a) {
    $("customer-title").textContent = "Customer " + a.user_id + ": " + a.persona.label;
    var card = $("persona-card");
    card.textContent = "";
    card.appendChild(element("h3", null, a.persona.label));
    card.appendChild(element("p", null, a.persona.description));
    card.appendChild(element("p", "note", "Matched rule: " + a.persona.matched_rule));
    card.appendChild(element("p", "note", "Traits: " + (a.persona.traits.join(", ") || "none")));
    card.appendChild(element("p", "note", "Activity trend: " + a.behavior_summary.activity_trend
      + " · engagement " + a.behavior_summary.engagement_level
      + " · price range " + a.behavior_summary.preferred_price_range));

    var p = a.predictive_analytics;
    var factors = p.factors.slice(0, 3).map(function (f) { return f.explanation; }).join("; ");
    var tiles = $("tiles");
    tiles.textContent = "";
    tiles.appendChild(tile("Purchase in " + p.horizon_days + " days", percent(p.purchase_probability_percent), p.basis,
      p.formulas.purchase_probability + ". Top factors: " + factors));
    tiles.appendChild(tile("Churn risk", percent(p.churn_risk_percent), p.basis,
      p.formulas.churn_risk + ", p_active = " + p.formulas.p_active + ". Top factors: " + factors));
    var value = a.visual_data.lifetime_value_estimate;
    tiles.appendChild(tile("Current value", money(value.current_value), value.basis, p.formulas.current_value));
    tiles.appendChild(tile("Estimated CLV (" + value.horizon_years + " years)", money(value.estimated_clv), value.basis,
      value.formula));
    var repeat = p.repeat_purchase;
    if (repeat) {
      tiles.appendChild(repeat.status === "available"
        ? tile("Repeat-purchase churn risk (" + repeat.horizon_days + " days)", percent(repeat.churn_risk_percent),
            repeat.basis, repeat.churn_definition)
        : tile("Repeat-purchase forecast", "–", "unavailable", repeat.reason));
    }

    var recs = $("recommendations");
    recs.textContent = "";
    recs.appendChild(element("h3", null, "Recommendations"));
    var list = element("ul");
    a.business_recommendations.forEach(function (r) {
      var item = element("li");
      item.appendChild(element("span", "priority-" + r.priority, r.priority));
      item.appendChild(document.createTextNode(" " + r.type + ": " + r.action + ". " + r.description
        + " (because " + r.reason + ")"));
      list.appendChild(item);
    });
    if (!a.business_recommendations.length) list.appendChild(element("li", null, "None of the recommendation rules apply."));
    recs.appendChild(list);
    applyView();
    $("customer-panel").hidden = false;
  }

  function applyView() {
    document.querySelectorAll("#customer-panel [data-views]").forEach(function (e) {
      e.hidden = e.getAttribute("data-views").split(" ").indexOf(state.view) < 0;
    });
  }

  function validate(id) {
    if (!id) return "Enter a customer ID.";
    if (!ID_PATTERN.test(id)) return "A customer ID is at most 128 characters, without control characters.";
    return "";
  }

  function loadCustomer(id, quiet) {
    var problem = validate(id);
    if (problem) {
      $("customer").setAttribute("aria-invalid", "true");
      $("customer-help").textContent = problem;
      return Promise.resolve();
    }
    state.customer = id;
    var encoded = encodeURIComponent(id);
    return Promise.all([api("/api/analyze/" + encoded), api("/api/charts/customer/" + encoded)])
      .then(function (results) {
        if (!quiet) showMessage("");
        renderCustomer(results[0]);
        drawFigures($("customer-charts"), results[1].figures);
      })
      .catch(function (error) {
        $("customer-panel").hidden = true;
        showMessage(error.status === 404 ? "No customer with ID \u201c" + id + "\u201d. Check the ID or pick one from the table below."
          : error.status === 400 ? "That is not a valid customer ID: " + error.message : error.message);
      });
  }

  function syncUrl() {
    var params = new URLSearchParams();
    if (state.customer) params.set("customer", state.customer);
    params.set("view", state.view);
    history.replaceState(null, "", "/?" + params.toString());
  }

  function loadOverview() {
    return api("/api/charts/overview").then(function (result) {
      drawFigures($("overview-charts"), result.figures);
    }).catch(function (error) { showMessage(error.message); });
  }

  function loadPersonas() {
    return api("/api/personas").then(function (result) {
      var select = $("filter-persona");
      (result.personas || result).forEach(function (p) {
        var option = element("option", null, p.persona);
        option.value = p.persona;
        select.appendChild(option);
      });
    }).catch(function () { /* the table still works without the filter list */ });
  }

  function loadTable() {
    var sort = $("sort").value.split(":");
    var params = new URLSearchParams({ limit: PAGE_SIZE, offset: state.offset, sort: sort[0], order: sort[1] });
    if ($("filter-persona").value) params.set("persona", $("filter-persona").value);
    if ($("filter-priority").value) params.set("priority", $("filter-priority").value);
    return api("/api/customers?" + params.toString()).then(function (page) {
      state.total = page.total;
      var body = document.querySelector("#customers tbody");
      body.textContent = "";
      page.items.forEach(function (c) {
        var row = element("tr");
        var idCell = element("td");
        var link = element("a", null, c.customer_id);
        link.href = "/?customer=" + encodeURIComponent(c.customer_id) + "&view=" + state.view;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          $("customer").value = c.customer_id;
          submit();
        });
        idCell.appendChild(link);
        row.appendChild(idCell);
        row.appendChild(element("td", null, c.persona));
        row.appendChild(element("td", "num", percent(c.churn_risk_percent)));
        row.appendChild(element("td", "num", percent(c.purchase_probability_percent)));
        row.appendChild(element("td", null, c.revenue_potential));
        row.appendChild(element("td", "num", money(c.estimated_clv)));
        body.appendChild(row);
      });
      var last = Math.min(state.offset + PAGE_SIZE, page.total);
      $("page-info").textContent = page.total ? (state.offset + 1) + "–" + last + " of " + page.total : "No customers match";
      $("previous").disabled = state.offset === 0;
      $("next").disabled = last >= page.total;
    }).catch(function (error) { showMessage(error.message); });
  }

  function submit() {
    state.view = $("view").value;
    var id = $("customer").value.trim();
    loadCustomer(id).then(syncUrl);
  }

  var suggestTimer = null;
  function suggest() {
    var id = $("customer").value.trim();
    var problem = id ? validate(id) : "";
    $("customer").setAttribute("aria-invalid", problem ? "true" : "false");
    $("customer-help").textContent = problem;
    clearTimeout(suggestTimer);
    if (!id || problem) return;
    suggestTimer = setTimeout(function () {
      api("/api/customer-ids?prefix=" + encodeURIComponent(id) + "&limit=10").then(function (result) {
        var list = $("customer-suggestions");
        list.textContent = "";
        result.ids.forEach(function (s) { var o = element("option"); o.value = s; list.appendChild(o); });
      }).catch(function () { /* suggestions are a convenience */ });
    }, 150);
  }

  /** Server-Sent Events: when a shown customer's events arrive, redraw without a reload. */
  function listen() {
    if (!window.EventSource) return;
    var source = new EventSource("/api/stream");
    source.addEventListener("customers", function (message) {
      var update = JSON.parse(message.data);
      if (state.customer && update.ids.indexOf(state.customer) >= 0) {
        loadCustomer(state.customer, true).then(function () {
          $("live-note").textContent = "Updated with new events at " + new Date().toLocaleTimeString();
        });
      }
      loadTable();
    });
  }

  function health() {
    api("/api/health").then(function (h) {
      $("health").textContent = h.rows + " customers · version " + h.version;
    }).catch(function () { $("health").textContent = "server not reachable"; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("lookup").addEventListener("submit", function (event) { event.preventDefault(); submit(); });
    $("customer").addEventListener("input", suggest);
    $("view").addEventListener("change", function () { state.view = $("view").value; applyView(); syncUrl(); });
    ["filter-persona", "filter-priority", "sort"].forEach(function (id) {
      $(id).addEventListener("change", function () { state.offset = 0; loadTable(); });
    });
    $("previous").addEventListener("click", function () { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadTable(); });
    $("next").addEventListener("click", function () { state.offset += PAGE_SIZE; loadTable(); });
    var params = new URLSearchParams(location.search);
    var view = params.get("view");
    if (view && ["comprehensive", "persona", "predictions", "recommendations"].indexOf(view) >= 0) {
      $("view").value = view;
      state.view = view;
    }
    if (params.get("customer")) {
      $("customer").value = params.get("customer");
      loadCustomer(params.get("customer"));
    }
    loadOverview();
    loadPersonas().then(loadTable);
    listen();
    health();
  });
})();
