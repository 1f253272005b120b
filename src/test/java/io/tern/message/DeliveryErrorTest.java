package io.tern.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeliveryErrorTest {

  @Test
  void deliveryFailuresAre300xxCodesFoundByTheirCode() {
    assertThat(DeliveryError.values()).allSatisfy(error -> {
      assertThat(error.code()).isBetween(30001, 30399);
      assertThat(DeliveryError.ofCode(error.code())).contains(error);
      assertThat(error.message()).isNotBlank();
    });
    assertThat(DeliveryError.ofCode(21211)).isEmpty();
  }

  @Test
  void noHttpAnswerCarriesADeliveryFailureCode() {
    assertThat(TwilioError.values()).allSatisfy(error -> {
      assertThat(error.code() >= 30001 && error.code() <= 30399).as(error.name()).isFalse();
      assertThat(error.httpStatus()).as(error.name()).isBetween(400, 599);
    });
    assertThat(Arrays.stream(TwilioError.values()).map(TwilioError::code))
        .doesNotContainAnyElementsOf(Arrays.stream(DeliveryError.values()).map(DeliveryError::code).toList());
  }
}
