package dev.customerlens.model;

import dev.customerlens.data.Dataset;
import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.recommend.Recommender;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * What computes an analysis's per-customer work: each customer's persona and traits and, on a
 * customer table, each score term's share of the log-odds, the scores made from them and which
 * recommendation rules match. The
 * analysis lays out everything else (cuts, category shift and factors) from these, the same way
 * whoever computed them; with no engine, or one that declines, it evaluates the rules, terms and
 * scores over its Tablesaw columns. The timeline's snapshots take their personas from it too.
 * Declared with the model, so that every room that evaluates the model can be handed one; the
 * columnar engine ({@code score.ColumnarProfiles}) implements it.
 */
public interface ProfileEngine {
  /** The Tablesaw evaluation alone. */
  ProfileEngine TABLESAW = (dataset, features, model) -> Optional.empty();

  /**
   * @param personas the "persona" column, in the dataset's row order
   * @param traits the "traits" column
   * @param contributions contributions[t][row]: score term t's share of row's log-odds; null for
   *     a log's customers, whose scores come from the models fitted to the log, not from score terms
   * @param scores the scores from those shares, in row order; null exactly where {@code contributions} is
   * @param summary the persona summary's lines ({@code PersonaSummary}), counted by the engine in the
   *     same pass order as the Tablesaw summary; null where the engine leaves it to the analysis
   * @param recommendations the rows each of the model's recommendation rules matches, in rule order;
   *     null where the engine leaves them to the analysis
   */
  record Profiles(StringColumn personas, StringColumn traits, double[][] contributions, Scores scores,
      List<PersonaSummary.Line> summary, List<Selection> recommendations) {}

  /**
   * Each customer's p_active and the predictor's derived scores ({@code Predictor.derivedScores()},
   * by name), as the engine computed them from the same formulas; and, by name, the prediction
   * columns it laid out from the same cuts and category shift ({@code clv_percentile},
   * {@code revenue_potential}, {@code next_category}, {@code next_category_probability}), which
   * the analysis takes as they are.
   */
  record Scores(double[] pActive, Map<String, double[]> derived, Map<String, Column<?>> columns) {}

  /**
   * The profiles of every customer of {@code dataset} under {@code model}, or empty when this engine
   * cannot take it or this model.
   *
   * @param features the table the analysis evaluates, in the dataset's row order: its features and,
   *     for a customer table joined with a log, the log's under {@code log_} names, which the persona
   *     rules and traits may name
   */
  Optional<Profiles> profile(Dataset dataset, Table features, CustomerModel model);

  /**
   * Each of {@code recommender}'s rules' matching rows in {@code scored}, in rule order, for an
   * analysis whose profiles did not bring them (a log's customers, whose scores come from their
   * fitted forecasts, or a table the engine declined); empty when this engine cannot compile the rules.
   */
  default Optional<List<Selection>> recommendationMatches(Table scored, Recommender recommender) {
    return Optional.empty();
  }
}
