package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.carrier.DeliveryReport;
import io.tern.carrier.InboundSms;
import io.tern.carrier.OutboundSms;
import io.tern.carrier.SubmitResult;
import io.tern.carrier.smpp.TestSmsc.IdForm;
import io.tern.carrier.smpp.TestSmsc.ReceiptForm;
import io.tern.carrier.smpp.TestSmsc.Script;
import io.tern.message.MessageStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SMPP connector against an SMSC in the same JVM, one behaviour per test. */
@ExtendWith(VertxExtension.class)
class SmppConnectorTest {
  private static final String FROM = "+15005550006";
  private TestSmsc smsc;
  private SmppConnector connector;
  private final List<DeliveryReport> reports = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSmsc() throws Exception {
    smsc = TestSmsc.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (connector != null) {
      connector.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    smsc.close();
  }

  private SmppConnector connect(Vertx vertx, JsonObject overrides) {
    JsonObject config = new JsonObject().put("host", "127.0.0.1").put("port", smsc.port())
        .put("systemId", "tern").put("password", "secret").put("requestTimeoutMillis", 2000)
        .put("reconnectInitialMillis", 50).put("reconnectMaxMillis", 200).put("throttledPauseMillis", 50)
        .mergeIn(overrides);
    connector = new SmppConnector(vertx, SmppOptions.from(config));
    connector.onDeliveryReport(report -> {
      reports.add(report);
      return Future.succeededFuture();
    });
    return connector;
  }

  private static OutboundSms sms(String sid, String to, String body) {
    boolean gsm = io.tern.message.text.Gsm7Alphabet.canEncode(body);
    return new OutboundSms(sid, "AC1", FROM, to, body,
        io.tern.message.text.SegmentCounter.count(body).segments(), gsm ? io.tern.message.text.Encoding.GSM7 : io.tern.message.text.Encoding.UCS2, List.of());
  }

  private void awaitReports(VertxTestContext ctx, Vertx vertx, int count, Runnable then) {
    vertx.setPeriodic(20, id -> {
      if (reports.size() >= count) {
        vertx.cancelTimer(id);
        ctx.verify(then::run);
        ctx.completeNow();
      }
    });
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void aMessageIsSentWithItsAddressesThenReportedDeliveredByTheSmscsId(Vertx vertx, VertxTestContext ctx) {
    connect(vertx, new JsonObject()).submit(sms("SM1", "+14155550100", "Hello"))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.accepted()).isTrue();
          TestSmsc.Received got = smsc.received().get(0);
          assertThat(got.source()).isEqualTo("15005550006");
          assertThat(got.sourceTon()).isEqualTo(1);
          assertThat(got.sourceNpi()).isEqualTo(1);
          assertThat(got.destination()).isEqualTo("14155550100");
          assertThat(got.registeredDelivery()).isEqualTo(1);
          assertThat(got.dataCoding()).isZero();
          assertThat(new String(got.shortMessage(), StandardCharsets.US_ASCII)).isEqualTo("Hello");
          awaitReports(ctx, vertx, 1, () -> assertThat(reports.get(0))
              .isEqualTo(DeliveryReport.delivered("smpp", result.carrierMessageId(),
                  java.time.Instant.parse("2026-12-06T12:01:00Z"))));
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void aReceiptInDecimalForAHexAnswerAndATlvOnlyReceiptBothMatch(Vertx vertx, VertxTestContext ctx) {
    smsc.script("+14155550101", Script.accept().ids(IdForm.HEX_THEN_DECIMAL))
        .script("+14155550102", Script.accept().receipt(ReceiptForm.TLV));
    SmppConnector carrier = connect(vertx, new JsonObject());
    Future.all(carrier.submit(sms("SM1", "+14155550101", "a")), carrier.submit(sms("SM2", "+14155550102", "b")))
        .onComplete(ctx.succeeding(all -> {
          String hex = all.<SubmitResult>resultAt(0).carrierMessageId();
          String tlv = all.<SubmitResult>resultAt(1).carrierMessageId();
          awaitReports(ctx, vertx, 2, () -> assertThat(reports).extracting(DeliveryReport::carrierMessageId)
              .containsExactlyInAnyOrder(hex, tlv));
        }));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void undeliveredReceiptsTakeTheTwilioCodeOfTheirStateAndErr(Vertx vertx, VertxTestContext ctx) {
    smsc.script("+14155550103", Script.accept().undelivered("UNDELIV", 1))
        .script("+14155550104", Script.accept().undelivered("REJECTD", 0))
        .script("+14155550105", Script.accept().undelivered("UNDELIV", 6).receipt(ReceiptForm.TLV));
    SmppConnector carrier = connect(vertx, new JsonObject().put("errorMap", new JsonObject().put("err:6", 30004)));
    Future.all(List.of(carrier.submit(sms("SM3", "+14155550103", "a")), carrier.submit(sms("SM4", "+14155550104", "b")),
            carrier.submit(sms("SM5", "+14155550105", "c"))))
        .onComplete(ctx.succeeding(all -> awaitReports(ctx, vertx, 3, () -> {
          assertThat(reports).allMatch(r -> r.status() == MessageStatus.UNDELIVERED);
          // The TLV-only receipt carries no err: its state alone gives the code.
          assertThat(reports).extracting(DeliveryReport::errorCode).containsExactlyInAnyOrder(30005, 30007, 30008);
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void aPermanentRefusalFailsWithTheMappedCodeAndTheErrorMapOverridesIt(Vertx vertx, VertxTestContext ctx) {
    smsc.script("+14155550106", Script.accept().refuse(0x0B)).script("+14155550107", Script.accept().refuse(0x45));
    SmppConnector carrier = connect(vertx, new JsonObject().put("errorMap", new JsonObject().put("0x45", 30007)));
    Future.all(carrier.submit(sms("SM6", "+14155550106", "a")), carrier.submit(sms("SM7", "+14155550107", "b")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<SubmitResult>resultAt(0)).isEqualTo(SubmitResult.failed(30005, "Unknown destination handset"));
          assertThat(all.<SubmitResult>resultAt(1)).isEqualTo(SubmitResult.failed(30007, "Message filtered"));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void throttledSubmitsAreSentAgainUntilAccepted(Vertx vertx, VertxTestContext ctx) {
    smsc.throttleFirst(3);
    connect(vertx, new JsonObject()).submit(sms("SM8", "+14155550108", "again"))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.accepted()).isTrue();
          assertThat(smsc.received()).hasSize(4)
              .allMatch(r -> new String(r.shortMessage(), StandardCharsets.US_ASCII).equals("again"));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void neverMoreSubmitsOutstandingThanTheWindowAcrossBinds(Vertx vertx, VertxTestContext ctx) {
    smsc.otherwise(Script.accept().delay(100).receipt(ReceiptForm.NONE));
    SmppConnector carrier = connect(vertx, new JsonObject().put("window", 2).put("binds", 2));
    // Wait for both binds, so the window of each is what limits.
    vertx.setTimer(500, t -> Future.all(IntStream.range(0, 16)
            .mapToObj(i -> carrier.submit(sms("SM" + i, "+1415555" + (1000 + i), "w"))).toList())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(smsc.received()).hasSize(16);
          assertThat(smsc.maxInFlight()).isEqualTo(4);
          assertThat(smsc.binds()).isEqualTo(2);
          ctx.completeNow();
        }))));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void badCredentialsStopRetryingAndSaySoWhileMessagesWait(Vertx vertx, VertxTestContext ctx) {
    smsc.refuseBinds(0x0E);
    SmppConnector carrier = connect(vertx, new JsonObject());
    Future<SubmitResult> waiting = carrier.submit(sms("SM9", "+14155550109", "wait"));
    vertx.setTimer(1000, t -> ctx.verify(() -> {
      JsonObject status = carrier.status();
      assertThat(status.getBoolean("credentialsRefused")).isTrue();
      assertThat(status.getBoolean("reachable")).isFalse();
      assertThat(status.getJsonArray("sessions").getJsonObject(0).getString("lastError")).contains("0x0E");
      assertThat(waiting.isComplete()).isFalse();
      assertThat(smsc.received()).isEmpty();
      // One refused bind, no retries in a second whose backoff would allow several.
      assertThat(carrier.metrics().registry().get("tern.smpp.bind.refusals").counter().count()).isEqualTo(1.0);
      ctx.completeNow();
    }));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void aMessageWaitsThroughAnOutageAndGoesWhenTheBindIsBack(Vertx vertx, VertxTestContext ctx) throws Exception {
    SmppConnector carrier = connect(vertx, new JsonObject());
    vertx.setTimer(300, t -> {
      try {
        smsc.stop();
      } catch (Exception e) {
        ctx.failNow(e);
      }
      vertx.setTimer(300, t2 -> {
        Future<SubmitResult> during = carrier.submit(sms("SM10", "+14155550110", "later"));
        vertx.setTimer(500, t3 -> {
          ctx.verify(() -> {
            assertThat(during.isComplete()).isFalse();
            assertThat(carrier.status().getBoolean("reachable")).isFalse();
          });
          try {
            smsc.listen();
          } catch (Exception e) {
            ctx.failNow(e);
          }
          during.onComplete(ctx.succeeding(result -> ctx.verify(() -> {
            assertThat(result.accepted()).isTrue();
            assertThat(smsc.received()).hasSize(1);
            assertThat(smsc.binds()).isEqualTo(2);
            ctx.completeNow();
          })));
        });
      });
    });
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void aLongMessageGoesAsItsSegmentsWithOneUdhReference(Vertx vertx, VertxTestContext ctx) {
    String body = "x".repeat(300) + "€";
    connect(vertx, new JsonObject()).submit(sms("SM11", "+14155550111", body))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.carrierMessageIds()).hasSize(2);
          List<TestSmsc.Received> parts = smsc.received();
          assertThat(parts).hasSize(2).allMatch(p -> p.esmClass() == 0x40 && p.dataCoding() == 0);
          byte[] first = parts.get(0).shortMessage();
          byte[] second = parts.get(1).shortMessage();
          assertThat(new byte[] {first[0], first[1], first[2], first[4], first[5]}).containsExactly(5, 0, 3, 2, 1);
          assertThat(second[3]).isEqualTo(first[3]);
          assertThat(second[5]).isEqualTo((byte) 2);
          assertThat(first.length - 6 + second.length - 6).isEqualTo(302);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void unicodeGoesAsUcs2AndSarCarriesTheReferenceInTlvs(Vertx vertx, VertxTestContext ctx) {
    String body = "Привет 👋 ".repeat(10);
    connect(vertx, new JsonObject().put("longMessage", "sar")).submit(sms("SM12", "+14155550112", body))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          List<TestSmsc.Received> parts = smsc.received();
          assertThat(parts).hasSize(2).allMatch(p -> p.dataCoding() == 8 && p.esmClass() == 0 && p.tlvs().length == 3);
          String rebuilt = new String(parts.get(0).shortMessage(), StandardCharsets.UTF_16BE)
              + new String(parts.get(1).shortMessage(), StandardCharsets.UTF_16BE);
          assertThat(rebuilt).isEqualTo(body);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void aReceivedMessageIsAckedOnlyOnceItsHandlerCommitsItAndARefusedOneComesAgain(Vertx vertx, VertxTestContext ctx) {
    SmppConnector carrier = connect(vertx, new JsonObject());
    List<InboundSms> received = new CopyOnWriteArrayList<>();
    carrier.onInbound(sms -> {
      received.add(sms);
      return received.size() == 1 ? Future.failedFuture("store down") : Future.succeededFuture();
    });
    byte[] udh = {5, 0, 3, 7, 2, 1, 'H', 'i'};
    vertx.setTimer(500, t -> vertx.executeBlocking(() -> {
      try {
        smsc.deliver("14155550199", "15005550006", 0, (byte) 0x40, udh);
        return null;
      } catch (Exception refused) {
        return refused;
      }
    }).onComplete(ctx.succeeding(firstAnswer -> {
      ctx.verify(() -> {
        assertThat(firstAnswer).isInstanceOf(NegativeResponseException.class);
        assertThat(((NegativeResponseException) firstAnswer).getCommandStatus()).isEqualTo(0x64);
      });
      // The SMSC delivers the refused message again by itself; the second time it is committed.
      vertx.setPeriodic(20, id -> {
        if (smsc.delivered().isEmpty()) {
          return;
        }
        vertx.cancelTimer(id);
        ctx.verify(() -> {
          assertThat(received).hasSize(2);
          assertThat(smsc.refusedDeliveries()).isEqualTo(1);
          assertThat(received.get(1).from()).isEqualTo("+14155550199");
          assertThat(received.get(1).to()).isEqualTo("+15005550006");
          assertThat(received.get(1).text()).isEqualTo("Hi");
          assertThat(received.get(1).part()).isEqualTo(new InboundSms.Part(7, 2, 1));
        });
        ctx.completeNow();
      });
    })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void closingWaitsForOutstandingAnswersThenUnbinds(Vertx vertx, VertxTestContext ctx) {
    smsc.otherwise(Script.accept().delay(300).receipt(ReceiptForm.NONE));
    SmppConnector carrier = connect(vertx, new JsonObject());
    connector = null;
    vertx.setTimer(300, t -> {
      Future<SubmitResult> inFlight = carrier.submit(sms("SM13", "+14155550113", "bye"));
      vertx.setTimer(50, t2 -> carrier.close().onComplete(ctx.succeeding(closed -> ctx.verify(() -> {
        assertThat(inFlight.succeeded()).isTrue();
        assertThat(inFlight.result().accepted()).isTrue();
        assertThat(smsc.unbinds()).isEqualTo(1);
        assertThat(carrier.submit(sms("SM14", "+14155550114", "late")).failed()).isFalse();
        ctx.completeNow();
      }))));
    });
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void aSubmitCutOffByALostLinkIsSentAgainOnTheNextBind(Vertx vertx, VertxTestContext ctx) {
    smsc.dropFirst(1);
    connect(vertx, new JsonObject()).submit(sms("SM15", "+14155550115", "once or twice"))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          // At least once: the SMSC read it before dropping, so it has it twice (README).
          assertThat(result.accepted()).isTrue();
          assertThat(smsc.received()).hasSize(2)
              .allMatch(r -> new String(r.shortMessage(), StandardCharsets.US_ASCII).equals("once or twice"));
          assertThat(smsc.binds()).isEqualTo(2);
          assertThat(connector.metrics().registry().get("tern.smpp.submits").tag("outcome", "unanswered")
              .counter().count()).isEqualTo(1.0);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void aReceiptBeforeTheSubmitAnswerAndItsDuplicateBothNameTheAnswersId(Vertx vertx, VertxTestContext ctx) {
    smsc.script("+14155550116", Script.accept().receiptFirst().copies(2));
    connect(vertx, new JsonObject()).submit(sms("SM16", "+14155550116", "early"))
        .onComplete(ctx.succeeding(result -> awaitReports(ctx, vertx, 2, () -> {
          // Both arrived before the answer: matching them is the store's job, by this id.
          assertThat(reports).extracting(DeliveryReport::carrierMessageId)
              .containsExactly(result.carrierMessageId(), result.carrierMessageId());
          assertThat(reports).allMatch(r -> r.status() == MessageStatus.DELIVERED);
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void theHealthCheckReportsTheBindsWithoutEverFailing(Vertx vertx, VertxTestContext ctx) {
    SmppConnector carrier = connect(vertx, new JsonObject().put("binds", 2));
    vertx.setTimer(500, t -> {
      io.vertx.core.Promise<io.vertx.ext.healthchecks.Status> up = io.vertx.core.Promise.promise();
      carrier.healthCheck().handle(up);
      up.future().onComplete(ctx.succeeding(status -> ctx.verify(() -> {
        assertThat(status.isOk()).isTrue();
        assertThat(status.getData().getBoolean("reachable")).isTrue();
        assertThat(status.getData().getLong("bindsUp")).isEqualTo(2);
        assertThat(status.getData().encode()).doesNotContain("secret");
        ctx.completeNow();
      })));
    });
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void aGenericNackFailsTheSubmitItNamesAndNoOther(Vertx vertx, VertxTestContext ctx) {
    smsc.script("+14155550120", Script.accept().nack(0x51)).script("+14155550121", Script.accept().nack(0x03));
    SmppConnector carrier = connect(vertx, new JsonObject());
    Future.all(List.of(carrier.submit(sms("SM20", "+14155550120", "a")), carrier.submit(sms("SM21", "+14155550121", "b")),
            carrier.submit(sms("SM22", "+14155550122", "c"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<SubmitResult>resultAt(0)).isEqualTo(SubmitResult.failed(30005, "Unknown destination handset"));
          assertThat(all.<SubmitResult>resultAt(1).errorCode()).isEqualTo(30008);
          assertThat(all.<SubmitResult>resultAt(2).accepted()).isTrue();
          // Each nack failed its own submit once: not retried, and the bind stayed up.
          assertThat(smsc.taken("+14155550120")).isEqualTo(1);
          assertThat(smsc.taken("+14155550121")).isEqualTo(1);
          assertThat(smsc.binds()).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void aPduOfAnUnknownCommandIsAnsweredWithGenericNack(Vertx vertx, VertxTestContext ctx) {
    SmppConnector carrier = connect(vertx, new JsonObject());
    awaitBound(vertx, carrier)
        .compose(up -> vertx.executeBlocking(smsc::sendUnknownPdu))
        .compose(sequence -> poll(vertx, () -> smsc.fromTern().stream()
            .anyMatch(pdu -> pdu.sequenceNumber() == sequence)).map(sequence))
        .compose(sequence -> carrier.submit(sms("SM23", "+14155550123", "still bound")).map(result -> {
          assertThat(smsc.fromTern()).filteredOn(pdu -> pdu.sequenceNumber() == sequence)
              .containsExactly(new TestSmsc.Pdu(TestSmsc.GENERIC_NACK, 0x03, sequence));
          assertThat(result.accepted()).isTrue();
          assertThat(smsc.binds()).isEqualTo(1);
          return result;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  /**
   * The limit is the connection's, in PDUs: with 3 binds and messages of 1 and 2 parts at
   * 10/s, no second of the SMSC's own clock sees more than 10 (slack for a loaded machine's
   * scheduling, far below the 30/s of a limit applied per bind or the burst of none).
   */
  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  void theThroughputLimitCountsPdusForAllBindsTogether(Vertx vertx, VertxTestContext ctx) {
    int perSecond = 10;
    smsc.otherwise(Script.accept().receipt(ReceiptForm.NONE));
    SmppConnector carrier = connect(vertx, new JsonObject().put("throughput", perSecond).put("binds", 3));
    awaitBound(vertx, carrier, 3)
        .compose(up -> Future.all(IntStream.range(0, 25).mapToObj(i -> carrier.submit(
            sms("SM" + (100 + i), "+1415556" + (1000 + i), i % 5 < 3 ? "x".repeat(200) : "short"))).toList()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<Long> at = smsc.received().stream().map(TestSmsc.Received::atNanos).sorted().toList();
          assertThat(at).hasSize(15 * 2 + 10);
          int busiest = 0;
          for (int i = 0; i < at.size(); i++) {
            int j = i;
            while (j < at.size() && at.get(j) - at.get(i) < TimeUnit.SECONDS.toNanos(1)) {
              j++;
            }
            busiest = Math.max(busiest, j - i);
          }
          assertThat(busiest).as("submit_sm in the busiest second").isLessThanOrEqualTo(perSecond + 4);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void anMmsCannotGoOverSmppAndFailsWith30008(Vertx vertx, VertxTestContext ctx) {
    SmppConnector carrier = connect(vertx, new JsonObject());
    OutboundSms mms = new OutboundSms("MM1", "AC1", FROM, "+14155550124", "a picture", 1,
        io.tern.message.text.Encoding.GSM7, List.of("https://example.com/cat.jpg"));
    awaitBound(vertx, carrier)
        .compose(up -> carrier.submit(mms))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.accepted()).isFalse();
          assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
          assertThat(result.errorCode()).isEqualTo(30008);
          assertThat(smsc.received()).isEmpty();
          ctx.completeNow();
        })));
  }

  private static Future<Void> awaitBound(Vertx vertx, SmppConnector carrier) {
    return awaitBound(vertx, carrier, 1);
  }

  private static Future<Void> awaitBound(Vertx vertx, SmppConnector carrier, int binds) {
    return poll(vertx, () -> carrier.status().getLong("bindsUp") >= binds);
  }

  private static Future<Void> poll(Vertx vertx, java.util.function.BooleanSupplier condition) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    vertx.setPeriodic(10, id -> {
      if (condition.getAsBoolean() && vertx.cancelTimer(id)) {
        done.complete();
      }
    });
    return done.future();
  }
}
