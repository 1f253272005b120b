package io.tern.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a readable path such as {@code /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json}
 * into the regular expression Vert.x Web routes on; each {@code {Name}} becomes a path param.
 * (Vert.x's {@code :param} syntax cannot express a parameter followed by {@code .json}.)
 */
public final class PathTemplate {
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

  private PathTemplate() {}

  public static String regex(String template) {
    StringBuilder regex = new StringBuilder("^");
    Matcher matcher = PARAM.matcher(template);
    int last = 0;
    while (matcher.find()) {
      regex.append(Pattern.quote(template.substring(last, matcher.start())));
      // Greedy: a parameter runs to the next '/' or the end and gives back only the literal
      // after it (".json"), where a reluctant one tried the rest of the path at every
      // character. Every parameter here is followed by a literal up to the next '/' or the
      // end, so the two match the same paths with the same values.
      regex.append("(?<").append(matcher.group(1)).append(">[^/]+)");
      last = matcher.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append("$");
    return regex.toString();
  }
}
