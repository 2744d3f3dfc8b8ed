package io.durobs.dashboards.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code generated/} is replaced on disk, under the conditions users' checkouts have. */
class GeneratedFilesTest {

  private static SortedMap<String, String> files(String content) {
    SortedMap<String, String> files = new TreeMap<>();
    files.put("a.txt", content);
    files.put("sub/b.txt", "b\n");
    return files;
  }

  private static String[] siblings(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void aReplacedDirectoryKeepsItsPermissions(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("generated");
    GeneratedFiles.write(dir, files("1\n"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));

    GeneratedFiles.write(dir, files("2\n"));

    assertThat(dir.resolve("a.txt")).content().isEqualTo("2\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void aFirstWriteGetsTheModeOfAnyNewDirectoryNotATemporaryDirectorysPrivateOne(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("generated");
    Path plain = Files.createDirectory(tmp.resolve("plain")); // what the umask gives

    GeneratedFiles.write(dir, files("1\n"));

    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(Files.getPosixFilePermissions(plain));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isNotEqualTo("rwx------");
  }

  @Test
  void aSymlinkedDirectoryStaysALinkAndItsTargetIsReplaced(@TempDir Path tmp) throws IOException {
    Path real = tmp.resolve("elsewhere/generated");
    GeneratedFiles.write(real, files("1\n"));
    Path link = Files.createSymbolicLink(tmp.resolve("generated"), real);

    assertThat(GeneratedFiles.diff(link, files("1\n")).isEmpty()).isTrue();
    GeneratedFiles.Changes changes = GeneratedFiles.write(link, files("2\n"));

    assertThat(changes.changed()).containsExactly("a.txt");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(real.resolve("a.txt")).content().isEqualTo("2\n");
    assertThat(siblings(tmp)).containsExactly("elsewhere", "generated");
    assertThat(siblings(real.getParent())).containsExactly("generated");
  }

  @Test
  void aDanglingLinkIsRefusedNamingIt(@TempDir Path tmp) throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("generated"), tmp.resolve("gone"));

    assertThatThrownBy(() -> GeneratedFiles.write(link, files("1\n")))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith(link + " is a symbolic link to something that does not exist")
        .hasMessageNotContaining("\n");
    assertThat(tmp.resolve("gone")).doesNotExist();
  }

  @Test
  void aMissingTemporaryDirectoryIsOneClearLineAndNothingIsTouched(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("generated");
    GeneratedFiles.write(dir, files("1\n"));

    assertThatThrownBy(() -> GeneratedFiles.write(dir, files("2\n"), tmp.resolve("no-tmp")))
        .isInstanceOf(RenderException.class)
        .hasMessage("cannot write " + dir + ": the temporary directory " + tmp.resolve("no-tmp")
            + " (java.io.tmpdir), where writers take their lock, is not a writable directory");
    assertThat(dir.resolve("a.txt")).content().isEqualTo("1\n");
    assertThat(siblings(tmp)).containsExactly("generated");
  }

  @Test
  void aWriteThatFailsHalfwayLeavesTheOldContentAndNoTemporaryDirectory(@TempDir Path tmp)
      throws IOException {
    Path dir = tmp.resolve("generated");
    GeneratedFiles.write(dir, files("1\n"));
    SortedMap<String, String> clashing = files("2\n");
    clashing.put("a.txt/c.txt", "a file where a directory must go: fails after a.txt is written\n");

    assertThatThrownBy(() -> GeneratedFiles.write(dir, clashing))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("cannot write " + dir + ": already exists: ")
        .hasMessageNotContaining("\n");
    assertThat(dir.resolve("a.txt")).content().isEqualTo("1\n");
    assertThat(siblings(tmp)).containsExactly("generated");
  }

  @Test
  void aFileWhereTheDirectoryShouldBeIsRefusedNotDeleted(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("generated"), "mine\n");

    assertThatThrownBy(() -> GeneratedFiles.write(file, files("1\n")))
        .isInstanceOf(RenderException.class)
        .hasMessage("cannot write " + file + ": it exists and is not a directory");
    assertThat(file).content().isEqualTo("mine\n");
  }
}
