#!/bin/sh
# SMPP path: submits per second and CPU per submit through the SMPP connector against the
# in-JVM test SMSC (io.tern.carrier.smpp.TestSmsc), with one and several binds, answering at
# once and after 50 ms. Runs from the gateway module's test classes, where the test SMSC lives.
set -e
cd "$(dirname "$0")/.."
mvn -q -o -B test-compile
mvn -q -o -B dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" io.tern.carrier.smpp.SmppThroughput
