package dev.customerlens.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code failing:}, where creating any file whose path
 * contains {@value #FAIL_ON} fails, as a full disk or a lost executor would fail a write mid-job.
 */
public final class FailingFileSystem extends RawLocalFileSystem {
  static final String FAIL_ON = "scores-csv";

  @Override
  public URI getUri() {
    return URI.create("failing:///");
  }

  @Override
  public String getScheme() {
    return "failing";
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    failIfAsked(f);
    return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    failIfAsked(f);
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  private static void failIfAsked(Path f) throws IOException {
    if (f.toString().contains(FAIL_ON) && f.getName().startsWith("part-")) throw new IOException("disk full (simulated) at " + f);
  }
}
