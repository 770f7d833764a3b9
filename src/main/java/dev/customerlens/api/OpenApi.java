package dev.customerlens.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customerlens.export.Json;

/**
 * The OpenAPI 3.0 description of every endpoint, written by hand as data so that it reads like the
 * API it describes. The limits a server was started with are filled in when it is served.
 */
final class OpenApi {
  private OpenApi() {}

  static String document(String version, ApiOptions options) {
    try {
      ObjectNode doc = (ObjectNode) Json.mapper().readTree(SPEC);
      ((ObjectNode) doc.get("info")).put("version", version);
      ((ObjectNode) doc.at("/components/parameters/limit/schema")).put("maximum", options.maxPageSize());
      ((ObjectNode) doc.at("/components/schemas/BatchRequest/properties/customer_ids")).put("maxItems", options.maxBatchSize());
      return Json.write(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the OpenAPI document in OpenApi.java is not valid JSON", e);
    }
  }

  private static final String SPEC = """
      {
        "openapi": "3.0.3",
        "info": {
          "title": "Customer Lens API",
          "description": "Personas, modelled predictions, lifetime value and recommendations for every customer of one loaded table. Scores are modelled from the customer profile, not evaluated against outcomes. Every error answers {\\"error\\": code, \\"detail\\": sentence}.",
          "version": "set when served"
        },
        "paths": {
          "/api/events": {
            "post": {
              "operationId": "postEvents",
              "summary": "Add live events (customer_id, timestamp, event, category, amount) for loaded customers; they are appended to the server's --events file and forced to disk before the answer, and change those customers' analyses a moment later",
              "parameters": [{"name": "Idempotency-Key", "in": "header", "description": "A retried request with the same key and body gets the first answer and counts once, across restarts; the same key with another body is refused with 422", "schema": {"type": "string", "minLength": 1, "maxLength": 200}}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "array", "maxItems": 1000, "items": {"type": "object", "required": ["customer_id", "timestamp", "event"], "properties": {
                "customer_id": {"type": "string"}, "timestamp": {"type": "string", "description": "ISO-8601"},
                "event": {"type": "string", "enum": ["view", "cart", "purchase"]}, "category": {"type": "string"},
                "amount": {"type": "number", "minimum": 0, "description": "Required for a purchase"}}}}}}},
              "responses": {
                "200": {"description": "What was accepted, with an error for each rejected item", "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "401": {"description": "The server has a token and the request did not bring it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "409": {"description": "The server was started without an event log", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "413": {"description": "More than 1,000 events in one request, or a body over 1 MB", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "415": {"description": "The body is not sent as application/json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "422": {"description": "The Idempotency-Key was used before with another body", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "503": {"description": "The events could not be written to the event log; none of the request was applied", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
              }
            }
          },
          "/api/stream": {
            "get": {
              "operationId": "streamUpdates",
              "summary": "Server-Sent Events: an event named customers, with the changed ids as JSON, whenever posted events change those customers",
              "responses": {"200": {"description": "An event stream", "content": {"text/event-stream": {"schema": {"type": "string"}}}}}
            }
          },
          "/api/charts/overview": {
            "get": {
              "operationId": "overviewCharts",
              "summary": "Plotly figures of the whole base (persona shares, recommendation priorities)",
              "responses": {"200": {"description": "The figures", "content": {"application/json": {"schema": {"type": "object"}}}}}
            }
          },
          "/api/charts/customer/{customer_id}": {
            "get": {
              "operationId": "customerCharts",
              "summary": "Plotly figures of one customer: category mix, weekday x hour activity, 30-day interest, funnel; each drawn from data or marked unavailable with the reason",
              "parameters": [{"name": "customer_id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 128}}],
              "responses": {
                "200": {"description": "The figures", "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "404": {"$ref": "#/components/responses/NotFound"}
              }
            }
          },
          "/api/customer-ids": {
            "get": {
              "operationId": "suggestCustomerIds",
              "summary": "Up to 20 loaded customer ids starting with a prefix, for suggestions as you type",
              "parameters": [
                {"name": "prefix", "in": "query", "schema": {"type": "string"}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 10}}
              ],
              "responses": {"200": {"description": "Matching ids", "content": {"application/json": {"schema": {"type": "object"}}}}}
            }
          },
          "/api/analyze/{customer_id}": {
            "get": {
              "operationId": "analyzeCustomer",
              "summary": "One customer's analysis: the document `lens analyze --customer ID --format json` prints",
              "parameters": [{
                "name": "customer_id", "in": "path", "required": true,
                "schema": {"type": "string", "minLength": 1, "maxLength": 128}
              }],
              "responses": {
                "200": {"description": "The analysis", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CustomerAnalysis"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "404": {"$ref": "#/components/responses/NotFound"},
                "500": {"$ref": "#/components/responses/InternalError"}
              }
            }
          },
          "/api/customers": {
            "get": {
              "operationId": "listCustomers",
              "summary": "A page of customers with persona, scores and value; filter, sort and page it",
              "parameters": [
                {"$ref": "#/components/parameters/limit"},
                {"name": "offset", "in": "query", "description": "Customers to skip", "schema": {"type": "integer", "minimum": 0, "default": 0}},
                {"name": "persona", "in": "query", "description": "Only this persona (any case)", "schema": {"type": "string"}},
                {"name": "priority", "in": "query", "description": "Only customers whose most urgent recommendation has this priority (any case)", "schema": {"type": "string", "enum": ["High", "Medium", "Low", "None"]}},
                {"name": "sort", "in": "query", "description": "Sort by this item field; input order when absent. Equal values keep input order.", "schema": {"type": "string", "enum": ["customer_id", "persona", "churn_risk_percent", "purchase_probability_percent", "revenue_potential", "estimated_clv", "top_priority"]}},
                {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"], "default": "asc"}}
              ],
              "responses": {
                "200": {"description": "The page and the number of customers that match", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CustomerPage"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "500": {"$ref": "#/components/responses/InternalError"}
              }
            }
          },
          "/api/batch-analyze": {
            "post": {
              "operationId": "analyzeCustomers",
              "summary": "Analyses of many customers in one answer, in the order asked, with an error for each unknown id",
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchRequest"}}}},
              "responses": {
                "200": {"description": "One result per id asked for", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchResponse"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "413": {"description": "More ids than the server's maximum batch size, or a body over 1 MB", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "415": {"description": "The body is not sent as application/json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "500": {"$ref": "#/components/responses/InternalError"}
              }
            }
          },
          "/api/health": {
            "get": {
              "operationId": "health",
              "summary": "Whether the server is up, and which data it answers from",
              "responses": {
                "200": {"description": "Up", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                "500": {"$ref": "#/components/responses/InternalError"}
              }
            }
          },
          "/api/personas": {
            "get": {
              "operationId": "personas",
              "summary": "The persona summary: `lens personas --format json`",
              "responses": {
                "200": {"description": "One entry per persona, in rule order, the fallback last", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Personas"}}}},
                "500": {"$ref": "#/components/responses/InternalError"}
              }
            }
          },
          "/api/migration": {
            "get": {
              "operationId": "migration",
              "summary": "Who moved where: the log's customers by persona at the end of `from` and at the end of `to`, with the spend between the dates and the CLV at `to` of each move (`lens migration --format json`). Rows add New (first event after `from`), columns No activity (no event after `from`). Only for a server started on a log alone",
              "parameters": [
                {"name": "from", "in": "query", "required": true, "description": "The earlier day, YYYY-MM-DD, within the log", "schema": {"type": "string", "format": "date"}},
                {"name": "to", "in": "query", "required": true, "description": "The later day, after `from`, within the log", "schema": {"type": "string", "format": "date"}}],
              "responses": {
                "200": {"description": "The matrix as flows between states", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Migration"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "500": {"$ref": "#/components/responses/InternalError"}
              }
            }
          },
          "/api/openapi.json": {
            "get": {
              "operationId": "openApi",
              "summary": "This document",
              "responses": {
                "200": {"description": "OpenAPI 3.0 document", "content": {"application/json": {"schema": {"type": "object"}}}}
              }
            }
          }
        },
        "components": {
          "parameters": {
            "limit": {"name": "limit", "in": "query", "description": "Customers per page", "schema": {"type": "integer", "minimum": 1, "default": 50}}
          },
          "responses": {
            "BadRequest": {"description": "A malformed id, parameter or body; detail says which and where", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "NotFound": {"description": "No customer with this id (echoed in customer_id), or no such endpoint", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "InternalError": {"description": "A bug in the server; no stack trace is sent", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
          },
          "schemas": {
            "Error": {
              "type": "object",
              "required": ["error", "detail"],
              "properties": {
                "error": {"type": "string", "description": "A stable code, such as unknown_customer or malformed_json"},
                "detail": {"type": "string", "description": "What was wrong, for a person"},
                "customer_id": {"type": "string", "description": "The unknown id, for unknown_customer"}
              }
            },
            "CustomerAnalysis": {
              "type": "object",
              "required": ["user_id", "persona", "behavior_summary", "predictive_analytics", "visual_data", "business_recommendations", "data_basis"],
              "properties": {
                "user_id": {"type": "string", "description": "The customer's customer_id. Only this document calls it user_id, keeping the shape of the original system's document; every table, list and export says customer_id"},
                "persona": {
                  "type": "object",
                  "properties": {
                    "label": {"type": "string"}, "description": {"type": "string"},
                    "traits": {"type": "array", "items": {"type": "string"}},
                    "persona_traits": {"type": "array", "items": {"type": "string"}},
                    "matched_rule": {"type": "string"}
                  }
                },
                "behavior_summary": {"type": "object"},
                "predictive_analytics": {
                  "type": "object",
                  "properties": {
                    "next_likely_action": {"type": "string", "enum": ["Purchase", "Browse", "Churn Risk"]},
                    "purchase_probability_percent": {"type": "number"},
                    "churn_risk_percent": {"type": "number"},
                    "revenue_potential": {"type": "string", "enum": ["High", "Medium", "Low"]},
                    "basis": {"type": "string", "enum": ["modelled"]},
                    "factors": {"type": "array", "items": {"type": "object"}}
                  }
                },
                "visual_data": {"type": "object"},
                "business_recommendations": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "type": {"type": "string"}, "priority": {"type": "string", "enum": ["High", "Medium", "Low"]},
                      "action": {"type": "string"}, "description": {"type": "string"}, "reason": {"type": "string"}
                    }
                  }
                },
                "data_basis": {"type": "object"}
              }
            },
            "CustomerItem": {
              "type": "object",
              "required": ["customer_id", "persona", "churn_risk_percent", "purchase_probability_percent", "revenue_potential", "estimated_clv", "top_priority"],
              "properties": {
                "customer_id": {"type": "string"},
                "persona": {"type": "string"},
                "churn_risk_percent": {"type": "number"},
                "purchase_probability_percent": {"type": "number"},
                "revenue_potential": {"type": "string", "enum": ["High", "Medium", "Low"]},
                "estimated_clv": {"type": "number", "description": "Lifetime value over the model's horizon, discounted"},
                "top_priority": {"type": "string", "enum": ["High", "Medium", "Low", "None"]}
              }
            },
            "CustomerPage": {
              "type": "object",
              "required": ["total", "limit", "offset", "items"],
              "properties": {
                "total": {"type": "integer", "description": "Customers matching the filters, on all pages"},
                "limit": {"type": "integer"},
                "offset": {"type": "integer"},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/CustomerItem"}}
              }
            },
            "BatchRequest": {
              "type": "object",
              "required": ["customer_ids"],
              "additionalProperties": false,
              "properties": {
                "customer_ids": {"type": "array", "items": {"oneOf": [{"type": "string", "minLength": 1, "maxLength": 128}, {"type": "integer", "description": "the id it spells"}]}}
              }
            },
            "BatchResult": {
              "type": "object",
              "required": ["customer_id"],
              "description": "analysis for a known id, error for an unknown one",
              "properties": {
                "customer_id": {"type": "string"},
                "analysis": {"$ref": "#/components/schemas/CustomerAnalysis"},
                "error": {"$ref": "#/components/schemas/Error"}
              }
            },
            "BatchResponse": {
              "type": "object",
              "required": ["requested", "found", "results"],
              "properties": {
                "requested": {"type": "integer"},
                "found": {"type": "integer"},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/BatchResult"}}
              }
            },
            "Health": {
              "type": "object",
              "required": ["status", "input", "rows_loaded", "skipped_rows", "input_sha256", "analyses_ready", "version", "uptime_seconds"],
              "properties": {
                "status": {"type": "string", "enum": ["ok"]},
                "input": {"type": "string", "description": "The data's label: a file name, or embedded:customers.csv"},
                "rows_loaded": {"type": "integer"},
                "skipped_rows": {"type": "integer", "description": "Rows a lenient read left out"},
                "input_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "analyses_ready": {"type": "integer", "description": "Customers whose analysis is already made: the server makes them all in the background after it starts"},
                "version": {"type": "string"},
                "uptime_seconds": {"type": "integer"}
              }
            },
            "Migration": {
              "type": "object",
              "required": ["source", "from", "to", "personas", "from_states", "to_states", "flows", "clv_basis"],
              "properties": {
                "source": {"type": "string"},
                "from": {"type": "string", "format": "date"},
                "to": {"type": "string", "format": "date"},
                "personas": {"type": "array", "items": {"type": "string"}, "description": "The rules' personas in rule order"},
                "from_states": {"type": "array", "items": {"type": "string"}, "description": "The matrix's rows with customers"},
                "to_states": {"type": "array", "items": {"type": "string"}, "description": "The matrix's columns with customers"},
                "flows": {"type": "array", "items": {"type": "object", "required": ["from", "to", "customers", "spend_between"], "properties": {
                  "from": {"type": "string"}, "to": {"type": "string"}, "customers": {"type": "integer"},
                  "spend_between": {"type": "number", "description": "Purchases after `from` up to `to`"},
                  "clv": {"type": "number", "description": "Summed CLV at `to`; absent when no spend model could be fitted"}}}},
                "clv_basis": {"type": "string", "description": "How the CLV was computed, or why it is unavailable"}
              }
            },
            "Personas": {
              "type": "object",
              "required": ["customers", "personas"],
              "properties": {
                "customers": {"type": "integer"},
                "personas": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "persona": {"type": "string"}, "description": {"type": "string"},
                      "customers": {"type": "integer"}, "share_pct": {"type": "number"},
                      "avg_amount": {"type": "number", "nullable": true},
                      "avg_purchases_per_year": {"type": "number", "nullable": true},
                      "avg_rating": {"type": "number", "nullable": true}
                    }
                  }
                }
              }
            }
          }
        }
      }
      """;
}
