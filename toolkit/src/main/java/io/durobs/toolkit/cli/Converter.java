package io.durobs.toolkit.cli;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A picocli converter made of a parse function that throws {@link IllegalArgumentException} with a
 * message naming what is wrong with the value; picocli reports it as
 * {@code Invalid value for option '--x': <message>}. Subclasses exist because picocli instantiates
 * converters by class:
 *
 * <pre>
 * static final class Lookback extends Converter&lt;Duration&gt; {
 *   Lookback() { super(PromDuration::parse); }
 * }
 * ...
 * &#64;Option(names = "--lookback", converter = Lookback.class) Duration lookback;
 * </pre>
 *
 * @param <T> the option's type
 */
public abstract class Converter<T> implements ITypeConverter<T> {

  private final Function<String, T> parse;

  /** A converter applying {@code parse}. */
  protected Converter(Function<String, T> parse) {
    this.parse = parse;
  }

  @Override
  public final T convert(String value) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
