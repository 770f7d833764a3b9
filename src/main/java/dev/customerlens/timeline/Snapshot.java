package dev.customerlens.timeline;

import dev.customerlens.data.Dataset;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Traits;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A log's customers as they stood at the end of one day: their features from the events on or
 * before it ({@link EventLog#until}) and the persona the rules give them on those features, by
 * {@code engine} (the Tablesaw evaluation where it declines). Invoice-line tallies are left out on
 * every day, the last too, since a cut log cannot have them: snapshots compare on the same footing.
 */
record Snapshot(LocalDate asOf, Table features, Map<String, String> personaOf) {
  private static final Traits NO_TRAITS = new Traits(List.of());

  static Snapshot of(EventLog log, LocalDate asOf, PersonaRules rules, ProfileEngine engine) {
    Table features = CustomerFeatures.of(log.until(asOf).eventsOnly());
    Dataset customers = Dataset.derived(log.source() + " as of " + asOf, features, "", List.of(), List.of());
    // A log's customers have no score terms: the predictor and recommendations play no part in their profiles.
    CustomerModel model = CustomerModel.forLogs().withRules(rules).withTraits(NO_TRAITS);
    StringColumn personas = engine.profile(customers, features, model)
        .map(ProfileEngine.Profiles::personas).orElseGet(() -> rules.assign(features));
    features.addColumns(personas);
    StringColumn ids = features.stringColumn("customer_id");
    Map<String, String> personaOf = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) personaOf.put(ids.get(i), personas.get(i));
    return new Snapshot(asOf, features, personaOf);
  }
}
