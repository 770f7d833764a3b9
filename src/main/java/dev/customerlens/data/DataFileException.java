package dev.customerlens.data;

import dev.customerlens.errors.WorkspaceException;
import java.util.List;
import java.util.stream.Collectors;

/** An input file that cannot be used as it is. Carries every issue found, up to the reader's cap. */
public final class DataFileException extends WorkspaceException {
  private final String file;
  private final List<Issue> issues;
  private final int moreIssues;

  public DataFileException(String file, List<Issue> issues, int moreIssues) {
    super(describe(issues, moreIssues));
    if (issues.isEmpty()) throw new IllegalArgumentException("a DataFileException needs at least one issue");
    this.file = file;
    this.issues = List.copyOf(issues);
    this.moreIssues = moreIssues;
  }

  public DataFileException(Issue issue) {
    this(issue.file(), List.of(issue), 0);
  }

  public String file() {
    return file;
  }

  public List<Issue> issues() {
    return issues;
  }

  /** Issues found beyond the cap and therefore not listed. */
  public int moreIssues() {
    return moreIssues;
  }

  private static String describe(List<Issue> issues, int more) {
    String listed = issues.stream().map(Issue::toString).collect(Collectors.joining("\n"));
    return more == 0 ? listed : listed + "\n... and " + more + " more issue" + (more == 1 ? "" : "s");
  }
}
