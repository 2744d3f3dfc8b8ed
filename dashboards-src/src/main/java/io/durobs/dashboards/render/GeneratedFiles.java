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
    dir = realTarget(dir);
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

  /**
   * Makes {@code dir} hold exactly {@code files}; returns what changed.
   *
   * <p>A {@code dir} that is a symbolic link stays one: its target is replaced. The new directory
   * gets the permissions of the one it replaces (or, for a first write, those the process' umask
   * gives any new directory), never a temporary directory's private mode.
   *
   * @throws RenderException when the directory cannot be written (a one-line reason; the old
   *     content is left as it was and no temporary directory is left behind)
   */
  public static Changes write(Path dir, SortedMap<String, String> files) {
    return write(dir, files, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** {@link #write(Path, SortedMap)} with the writers' lock file in {@code lockDir}. */
  static Changes write(Path dir, SortedMap<String, String> files, Path lockDir) {
    Path target = realTarget(dir);
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new RenderException("cannot write " + dir + ": it exists and is not a directory");
    }
    Changes changes = diff(target, files);
    if (changes.isEmpty()) {
      return changes;
    }
    if (!Files.isDirectory(lockDir) || !Files.isWritable(lockDir)) {
      throw new RenderException("cannot write " + dir + ": the temporary directory " + lockDir
          + " (java.io.tmpdir), where writers take their lock, is not a writable directory");
    }
    Path parent = target.toAbsolutePath().getParent();
    // The lock lives outside the checkout (so git never sees it) and is never deleted (so two
    // writers always lock the same file).
    Path lockPath = lockDir.resolve("durobs-generated-"
        + Integer.toHexString(target.toAbsolutePath().normalize().hashCode()) + ".lock");
    String name = target.getFileName().toString();
    Path tmp = parent.resolve("." + name + ".new-" + ProcessHandle.current().pid() + "-"
        + Long.toHexString(System.nanoTime()));
    try (FileChannel lockFile = FileChannel.open(lockPath,
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      Files.createDirectories(parent);
      // createDirectory, not createTempDirectory: the latter's mode 0700 would become generated/'s
      Files.createDirectory(tmp);
      copyPermissions(target, tmp);
      for (var e : files.entrySet()) {
        Path p = tmp.resolve(e.getKey()).normalize();
        if (!p.startsWith(tmp)) {
          throw new RenderException("refusing to write outside generated/: " + e.getKey());
        }
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
      }
      Path old = parent.resolve("." + name + ".old-" + ProcessHandle.current().pid());
      if (Files.exists(target)) {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } catch (IOException e) {
      throw new RenderException("cannot write " + dir + ": " + reason(e));
    } finally {
      deleteQuietly(tmp);
    }
    return changes;
  }

  /** {@code dir}, or where it links to: a symlinked {@code generated/} is written through. */
  private static Path realTarget(Path dir) {
    if (!Files.isSymbolicLink(dir)) {
      return dir;
    }
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw new RenderException(dir + " is a symbolic link to something that does not exist ("
          + reason(e) + "): create its target or remove the link");
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    if (Files.isDirectory(from)
        && to.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
    }
  }

  /** The exception's own words, with the file it names: one line. */
  private static String reason(IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    String kind = switch (e.getClass().getSimpleName()) {
      case "AccessDeniedException" -> "permission denied: ";
      case "NoSuchFileException" -> "no such file or directory: ";
      case "FileAlreadyExistsException" -> "already exists: ";
      case "NotDirectoryException" -> "not a directory: ";
      default -> "";
    };
    return (kind + m).replace('\n', ' ');
  }

  private static void deleteQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException | UncheckedIOException e) {
      // best effort: the failure being reported is the one that matters
    }
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
