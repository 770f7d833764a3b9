package dev.customerlens.score;

/**
 * Told how a batch scoring run advances: reading (bytes), scoring (customers), then writing
 * (customers). {@link #advance} may be called from several threads at once.
 */
public interface ScoreProgress {
  void stage(String name, long total, String unit);

  void advance(long amount);

  static ScoreProgress none() {
    return new ScoreProgress() {
      @Override
      public void stage(String name, long total, String unit) {}

      @Override
      public void advance(long amount) {}
    };
  }
}
