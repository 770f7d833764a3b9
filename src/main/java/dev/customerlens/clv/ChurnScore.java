package dev.customerlens.clv;

import dev.customerlens.data.Dataset;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.predict.LinearScore;
import dev.customerlens.predict.Predictor;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A churn risk from elsewhere, per customer id, to be judged by {@link Evaluation} against what
 * the log shows happened: churn there means no purchase in the holdout.
 *
 * @param name what the score is, for the report
 * @param basis how it is made, in a sentence
 * @param churnRisk by customer id, from 0 to 1
 */
public record ChurnScore(String name, String basis, Map<String, Double> churnRisk) {
  public ChurnScore {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(basis, "basis");
    churnRisk = Map.copyOf(churnRisk);
  }

  /**
   * The profile-based churn risk of {@link Predictor} (1 − p_active) for every customer of the
   * table, computed exactly as {@link Predictor#score} computes it.
   */
  public static ChurnScore fromProfiles(Dataset customers, Predictor predictor) {
    Table features = Features.of(customers);
    LinearScore activity = predictor.activity();
    double[] active = activity.probabilities(activity.contributions(features, activity.scaling(features)));
    var ids = features.stringColumn(Field.CUSTOMER_ID.key());
    Map<String, Double> risk = new HashMap<>();
    for (int i = 0; i < active.length; i++) risk.put(ids.get(i), 1 - active[i]);
    return new ChurnScore("profile churn risk (Predictor)",
        "1 - p_active, a logistic score of the customer table's profile with stated weights (" + Predictor.BASIS + ")",
        risk);
  }
}
