package dev.customerlens.model;

import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Predictor;
import dev.customerlens.recommend.Recommender;
import java.util.Objects;

/**
 * The one declared model every engine compiles: persona rules, traits, the predictor (score terms,
 * horizon, lifetime-value years and discount, and the declared cuts) and the recommendation rules.
 * The analysis, the columnar batch engine and Spark each take one of these; none holds the parts
 * separately. Immutable: each {@code with...} returns a new model.
 *
 * <pre>{@code
 * CustomerModel model = CustomerModel.defaults().withRules(PersonaRules.load(Path.of("rules.json")));
 * BatchScorer.of(path).withModel(model).score(dir);
 * }</pre>
 */
public record CustomerModel(PersonaRules rules, Traits traits, Predictor predictor, Recommender recommender) {
  public CustomerModel {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(traits, "traits");
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(recommender, "recommender");
  }

  /** The model for a customer table in the Customer Shopping Trends schema. */
  public static CustomerModel defaults() {
    return new CustomerModel(PersonaRules.defaults(), Traits.defaults(), Predictor.defaults(), Recommender.defaults());
  }

  /** The model for customers derived from a transaction or event log (behavioural personas, the log's traits). */
  public static CustomerModel forLogs() {
    return new CustomerModel(PersonaRules.forLogs(), Traits.forLogs(), Predictor.defaults(), Recommender.forLogs());
  }

  public CustomerModel withRules(PersonaRules rules) {
    return new CustomerModel(rules, traits, predictor, recommender);
  }

  public CustomerModel withTraits(Traits traits) {
    return new CustomerModel(rules, traits, predictor, recommender);
  }

  public CustomerModel withPredictor(Predictor predictor) {
    return new CustomerModel(rules, traits, predictor, recommender);
  }

  public CustomerModel withRecommender(Recommender recommender) {
    return new CustomerModel(rules, traits, predictor, recommender);
  }
}
