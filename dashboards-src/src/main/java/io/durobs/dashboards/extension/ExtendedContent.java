package io.durobs.dashboards.extension;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.render.FileSources;
import io.durobs.dashboards.render.GeneratedFiles;
import io.durobs.dashboards.render.RenderAll;
import io.durobs.dashboards.render.RenderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The engine's content plus a project's extensions, rendered and checked as one: what
 * {@code generated/} is for this repository, for another project's output folder.
 *
 * <pre>{@code
 * ExtendedContent content = ExtendedContent.of(ContentConfig.defaults(),
 *     List.of(new ToygresObservability()));
 * RenderAll.Rendering rendering = content.render();      // throws RenderException on findings
 * content.writeTo(Path.of("target/durobs"));             // replaces the folder as a whole
 * }</pre>
 */
public final class ExtendedContent {

  private final ContentConfig config;
  private final List<UserContent> contents;

  private ExtendedContent(ContentConfig config, List<UserContent> contents) {
    this.config = config;
    this.contents = List.copyOf(contents);
  }

  /**
   * The content of these extensions over a base configuration: each extension's
   * {@link DurobsExtension#configure} in order, then each one's
   * {@link DurobsExtension#content} for the resulting configuration.
   *
   * @param base the configuration before the extensions' overrides
   * @param extensions the extensions, in order
   * @return the content
   * @throws IllegalArgumentException naming the extension when it returns nothing, or when two
   *     extensions have the same name
   */
  public static ExtendedContent of(ContentConfig base, List<? extends DurobsExtension> extensions) {
    ContentConfig config = Objects.requireNonNull(base, "base");
    for (DurobsExtension e : Objects.requireNonNull(extensions, "extensions")) {
      config = Objects.requireNonNull(e.configure(config),
          () -> e.getClass().getName() + ".configure returned null");
    }
    List<UserContent> contents = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (DurobsExtension e : extensions) {
      UserContent c = e.content(config);
      if (c == null) {
        throw new IllegalArgumentException(e.getClass().getName() + ".content returned null");
      }
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("two extensions are named '" + c.name() + "' ("
            + e.getClass().getName() + " is the second)");
      }
      contents.add(c);
    }
    return new ExtendedContent(config, contents);
  }

  /** The configuration everything is rendered with. */
  public ContentConfig config() {
    return config;
  }

  /** The extensions' additions, in order. */
  public List<UserContent> contents() {
    return contents;
  }

  /**
   * Renders and checks everything in memory: the engine's dashboards, rules, tests, runbooks,
   * provisioning, collector pipeline, stack and Kubernetes files plus the extensions'.
   *
   * @throws RenderException with one line per finding; nothing written
   */
  public RenderAll.Rendering render() {
    return RenderAll.render(config, FileSources.all(config, contents), contents);
  }

  /**
   * Renders, checks and makes {@code dir} hold exactly the rendered files (swapped in as a
   * whole; stale files removed).
   *
   * @return the rendering and what changed
   * @throws RenderException with one line per finding; {@code dir} untouched
   */
  public Written writeTo(Path dir) {
    RenderAll.Rendering r = render();
    return new Written(r, GeneratedFiles.write(dir, r.files()));
  }

  /**
   * A rendering and what writing it changed.
   *
   * @param rendering the rendering
   * @param changes what changed in the folder
   */
  public record Written(RenderAll.Rendering rendering, GeneratedFiles.Changes changes) {}

  /**
   * The render's checks over the files in a folder (as {@link #writeTo} wrote them, or edited
   * since, or with more dashboards and rule files added by hand).
   *
   * @param dir the folder
   * @return the findings and the coverage
   * @throws UncheckedIOException when the folder cannot be read
   * @throws RenderException when a file cannot be parsed
   */
  public RenderAll.Checks lint(Path dir) {
    return RenderAll.check(config, read(dir), contents);
  }

  private static SortedMap<String, String> read(Path dir) {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (rel.endsWith(".json") || rel.endsWith(".yaml") || rel.endsWith(".yml")) {
          files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return files;
  }

  /**
   * The rendered files without the checks (and without the coverage table): what a build that
   * does not fail on findings writes, for the lint to report.
   *
   * @throws RenderException when two parts render the same path
   */
  public SortedMap<String, String> uncheckedFiles() {
    return RenderAll.collect(FileSources.all(config, contents));
  }
}
