package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

  @Test
  void aParameterMayBeFollowedByDotJson() {
    Pattern pattern = Pattern.compile(PathTemplate.regex("/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json"));
    Matcher matcher = pattern.matcher("/2010-04-01/Accounts/AC1/Messages/SM2.json");

    assertThat(matcher.matches()).isTrue();
    assertThat(matcher.group("AccountSid")).isEqualTo("AC1");
    assertThat(matcher.group("Sid")).isEqualTo("SM2");
  }

  @Test
  void aParameterEndsAtTheLastDotJson() {
    Pattern pattern = Pattern.compile(PathTemplate.regex("/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json"));
    Matcher matcher = pattern.matcher("/2010-04-01/Accounts/AC1/Messages/SM2.json.json");

    assertThat(matcher.matches()).isTrue();
    assertThat(matcher.group("Sid")).isEqualTo("SM2.json");
    assertThat(pattern.matcher("/2010-04-01/Accounts/AC1/Messages/.json").matches()).isFalse();
    assertThat(pattern.matcher("/2010-04-01/Accounts/AC1/Messages/SM2/x.json").matches()).isFalse();
  }

  @Test
  void theListPathDoesNotMatchAnItemPath() {
    Pattern list = Pattern.compile(PathTemplate.regex("/2010-04-01/Accounts/{AccountSid}/Messages.json"));
    assertThat(list.matcher("/2010-04-01/Accounts/AC1/Messages/SM2.json").matches()).isFalse();
    assertThat(list.matcher("/2010-04-01/Accounts/AC1/Messages.json").matches()).isTrue();
  }
}
