package io.tern.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountRoutesTest {

  @Test
  void aSubaccountsDefaultNameSaysWhenItWasCreatedInGmt() {
    assertThat(AccountRoutes.defaultName(Instant.parse("2024-01-05T15:04:59Z")))
        .isEqualTo("SubAccount Created at 2024-01-05 03:04 pm");
    assertThat(AccountRoutes.defaultName(Instant.parse("2024-01-05T00:30:00Z")))
        .isEqualTo("SubAccount Created at 2024-01-05 12:30 am");
  }
}
