package dev.customerlens.score;

import dev.customerlens.analysis.ProfileEngine;
import dev.customerlens.data.Customers;
import dev.customerlens.data.Dataset;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Predictor;
import dev.customerlens.recommend.Recommender;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import tech.tablesaw.api.StringColumn;

/**
 * The columnar engine as an analysis's {@link ProfileEngine}: personas, traits and score terms
 * evaluated over the reader's dictionary codes, on every core, instead of over Tablesaw columns.
 * It takes a table read from a customer file; it declines what it cannot compile (a rule written as
 * a Java predicate or naming a joined log's column, more than 255 personas or 31 traits), which the
 * analysis then evaluates itself.
 */
public final class ColumnarProfiles implements ProfileEngine {
  public static final ProfileEngine ENGINE = new ColumnarProfiles();
  private static final int TASK_BLOCKS = 8;

  private ColumnarProfiles() {}

  @Override
  public Optional<Profiles> profile(Dataset dataset, PersonaRules rules, Traits traits, Predictor predictor) {
    Customers data = dataset.coded().orElse(null);
    if (data == null || dataset.isDerived()) return Optional.empty();
    Scoring scoring;
    try {
      // The recommendations play no part here; the defaults only satisfy the model's shape.
      scoring = new Scoring(data, new CustomerModel(rules, traits, predictor, Recommender.defaults()));
    } catch (WorkspaceException cannotCompile) {
      return Optional.empty();
    }
    scoring.scale();
    int rows = scoring.rows;
    int tasks = (rows + TASK_BLOCKS * Block.SIZE - 1) / (TASK_BLOCKS * Block.SIZE);
    IntStream.range(0, tasks).parallel().forEach(task -> {
      Block block = new Block(scoring);
      int end = Math.min(rows, (task + 1) * TASK_BLOCKS * Block.SIZE);
      for (int at = task * TASK_BLOCKS * Block.SIZE; at < end; at += Block.SIZE) {
        block.moveTo(at, Math.min(Block.SIZE, end - at));
        scoring.assign(block);
      }
    });
    String[] personas = new String[rows];
    String[] labels = new String[rows];
    Map<Integer, String> labelOfMask = new HashMap<>();
    for (int row = 0; row < rows; row++) {
      personas[row] = scoring.personaNames.get(scoring.persona[row] & 0xFF);
      labels[row] = labelOfMask.computeIfAbsent(scoring.traitMasks[row], scoring::traitLabel);
    }
    return Optional.of(new Profiles(StringColumn.create("persona", personas), StringColumn.create("traits", labels),
        scoring.contributions()));
  }
}
