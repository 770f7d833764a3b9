package dev.customerlens.analysis;

/**
 * Anything that holds an {@link Analysis}: the analysis itself, or the {@code CustomerAnalytics}
 * façade notebooks use. Charts and reports take one, so {@code Charts.personaShare(a)} reads the
 * same in a notebook and in the packages below the façade, which never import it back.
 */
public interface HasAnalysis {
  Analysis analysis();
}
