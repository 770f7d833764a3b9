package dev.customerlens.kernel;

import dev.customerlens.errors.WorkspaceException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves Maven coordinates, with their runtime dependencies, to jar files. It asks the {@code mvn}
 * on the PATH (the one that built this project) rather than embedding a resolver: the user's
 * settings.xml, mirrors and local repository then apply, and jars already downloaded are reused.
 */
final class MavenArtifacts {
  private static final Pattern COORDINATES = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+){1,3}");
  // Pinned so that resolving does not first look up which plugin version is the latest.
  private static final String PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";

  private MavenArtifacts() {}

  /** The jars of {@code group:artifact:version} (or {@code group:artifact:packaging:version}) and their runtime dependencies. */
  static List<Path> resolve(List<String> coordinates) {
    if (coordinates.isEmpty()) throw new WorkspaceException("%maven needs coordinates, e.g. %maven org.dflib:dflib:1.0.0");
    for (String c : coordinates) {
      if (!COORDINATES.matcher(c).matches()) {
        throw new WorkspaceException("%maven: \"" + c + "\" is not group:artifact:version");
      }
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("customer-lens-maven");
      Files.writeString(dir.resolve("pom.xml"), pom(coordinates));
      Path classpath = dir.resolve("classpath.txt");
      Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-f", dir.resolve("pom.xml").toString(), PLUGIN,
          "-Dmdep.outputFile=" + classpath, "-Dmdep.includeScope=runtime")
          .redirectErrorStream(true).start();
      mvn.getOutputStream().close();
      String output = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (mvn.waitFor() != 0) {
        throw new WorkspaceException("%maven could not resolve " + String.join(" ", coordinates) + ":\n" + output.strip());
      }
      String paths = Files.readString(classpath).strip();
      return paths.isEmpty() ? List.of() : Arrays.stream(paths.split(Pattern.quote(File.pathSeparator))).map(Path::of).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("%maven could not run mvn (it needs Maven on the PATH)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkspaceException("%maven was interrupted");
    } finally {
      if (dir != null) delete(dir);
    }
  }

  private static String pom(List<String> coordinates) {
    String dependencies = coordinates.stream().map(MavenArtifacts::dependency).collect(Collectors.joining());
    return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
        + "<groupId>dev.customerlens.kernel</groupId><artifactId>maven-magic</artifactId><version>1</version>"
        + "<dependencies>" + dependencies + "</dependencies></project>";
  }

  /** The coordinates were checked against {@link #COORDINATES}, so they need no XML escaping. */
  private static String dependency(String coordinates) {
    String[] parts = coordinates.split(":");
    String version = parts[parts.length - 1];
    String type = parts.length >= 4 ? "<type>" + parts[2] + "</type>" : "";
    String classifier = parts.length == 5 ? "<classifier>" + parts[3] + "</classifier>" : "";
    return "<dependency><groupId>" + parts[0] + "</groupId><artifactId>" + parts[1] + "</artifactId><version>"
        + version + "</version>" + type + classifier + "</dependency>";
  }

  private static void delete(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) Files.delete(file);
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
