package io.durobs.dashboards.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads and replaces a {@code generated/} directory as a whole: the new content is written to a
 * sibling temporary directory and swapped in by two renames under a file lock, so readers see
 * the old tree or the new one, and stale files disappear. Nothing is touched when the content
 * is already current.
 */
public final class GeneratedFiles {

  /** What a write changed, as paths relative to the directory. */
  public record Changes(List<String> added, List<String> changed, List<String> removed) {

    /** True when nothing changed. */
    public boolean isEmpty() {
      return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** {@code 2 added, 1 changed, 0 removed}. */
    @Override
    public String toString() {
      return added.size() + " added, " + changed.size() + " changed, " + removed.size() + " removed";
    }
  }

  private GeneratedFiles() {}

  /** How {@code files} differ from what is in {@code dir} (missing dir: everything added). */
  public static Changes diff(Path dir, SortedMap<String, String> files) {
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    TreeSet<String> existing = list(dir);
    for (var e : files.entrySet()) {
      if (!existing.remove(e.getKey())) {
        added.add(e.getKey());
      } else if (!e.getValue().equals(read(dir.resolve(e.getKey())))) {
        changed.add(e.getKey());
      }
    }
    return new Changes(added, changed, List.copyOf(existing));
  }

  /** Makes {@code dir} hold exactly {@code files}; returns what changed. */
  public static Changes write(Path dir, SortedMap<String, String> files) {
    Changes changes = diff(dir, files);
    if (changes.isEmpty()) {
      return changes;
    }
    Path parent = dir.toAbsolutePath().getParent();
    // The lock lives outside the checkout (so git never sees it) and is never deleted (so two
    // writers always lock the same file).
    Path lockPath = Path.of(System.getProperty("java.io.tmpdir"),
        "durobs-generated-" + Integer.toHexString(dir.toAbsolutePath().normalize().hashCode()) + ".lock");
    try (FileChannel lockFile = FileChannel.open(lockPath,
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".new-");
      for (var e : files.entrySet()) {
        Path p = tmp.resolve(e.getKey()).normalize();
        if (!p.startsWith(tmp)) {
          throw new RenderException("refusing to write outside generated/: " + e.getKey());
        }
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
      }
      Path old = parent.resolve("." + dir.getFileName() + ".old-" + ProcessHandle.current().pid());
      if (Files.exists(dir)) {
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir, e);
    }
    return changes;
  }

  private static TreeSet<String> list(Path dir) {
    TreeSet<String> out = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
