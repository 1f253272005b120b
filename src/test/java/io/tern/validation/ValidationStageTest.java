package io.tern.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.ApiError;
import io.tern.message.TwilioError;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ValidationStageTest {

  @Test
  void aValidationErrorReachesTheClientAsItIs() {
    ApiError refused = TwilioError.BAD_REQUEST.with("To is required");

    assertThat(ValidationStage.asApiError(refused)).isSameAs(refused);
  }

  @Test
  void aStoreOutOfReachIs20503SoTheClientMayTryAgain() {
    ApiError answer = ValidationStage.asApiError(
        new IllegalStateException("lookup failed", new IOException("Connection refused")));

    assertThat(answer.code()).isEqualTo(20503);
    assertThat(answer.httpStatus()).isEqualTo(503);
  }

  @Test
  void anythingElseIs20500WithoutItsText() {
    ApiError answer = ValidationStage.asApiError(new NullPointerException("secret detail"));

    assertThat(answer.code()).isEqualTo(20500);
    assertThat(answer.toJson().encode()).doesNotContain("secret detail");
  }
}
