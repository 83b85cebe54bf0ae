package io.aftersaleshub.connector.salesforce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.camel.component.salesforce.internal.client.PubSubApiClient;

/**
 * A Salesforce Pub/Sub API peer on loopback (gRPC without TLS): it serves the CaseChangeEvent schema (a reduced
 * copy of Salesforce's, with the fields the hub reads), records each subscription's FetchRequest, delivers Case change
 * events Avro-encoded with replay ids, and answers a replay id it is told to refuse with Salesforce's
 * {@code replayid.corrupted} error.
 */
final class PubSubPeer extends PubSubGrpc.PubSubImplBase {

    static final String SCHEMA_ID = "CaseChangeEvent-test-schema";
    static final String SCHEMA = """
            {"type":"record","name":"CaseChangeEvent","namespace":"com.sforce.eventbus","fields":[
              {"name":"ChangeEventHeader","type":{"type":"record","name":"ChangeEventHeader","fields":[
                {"name":"entityName","type":"string"},
                {"name":"recordIds","type":{"type":"array","items":"string"}},
                {"name":"changeType","type":{"type":"enum","name":"ChangeType","symbols":["CREATE","UPDATE","DELETE","UNDELETE","GAP_CREATE","GAP_UPDATE","GAP_DELETE","GAP_UNDELETE","GAP_OVERFLOW","SNAPSHOT"]}},
                {"name":"changeOrigin","type":"string"},
                {"name":"transactionKey","type":"string"},
                {"name":"sequenceNumber","type":"int"},
                {"name":"commitTimestamp","type":"long"},
                {"name":"commitNumber","type":"long"},
                {"name":"commitUser","type":"string"},
                {"name":"nulledFields","type":{"type":"array","items":"string"}},
                {"name":"diffFields","type":{"type":"array","items":"string"}},
                {"name":"changedFields","type":{"type":"array","items":"string"}}]}},
              {"name":"CaseNumber","type":["null","string"],"default":null},
              {"name":"Status","type":["null","string"],"default":null},
              {"name":"Type","type":["null","string"],"default":null},
              {"name":"Product_GTIN__c","type":["null","string"],"default":null},
              {"name":"Serial_Number__c","type":["null","string"],"default":null},
              {"name":"ClosedDate","type":["null","long"],"default":null},
              {"name":"LastModifiedDate","type":["null","long"],"default":null}]}
            """;

    final Schema schema = new Schema.Parser().parse(SCHEMA);
    final BlockingQueue<FetchRequest> subscriptions = new LinkedBlockingQueue<>();
    private final Server server;
    private volatile StreamObserver<FetchResponse> subscriber;
    private volatile String refused;

    PubSubPeer() throws IOException {
        server = NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", 0)).addService(this).build().start();
    }

    int port() {
        return server.getPort();
    }

    void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Subscriptions from this replay id (base64, as the hub keeps it) are refused as corrupted. */
    void refuse(String replayId) {
        refused = replayId;
    }

    /** The next subscription that matches, skipping others (e.g. a stopped client's retry). */
    FetchRequest nextSubscription(java.util.function.Predicate<FetchRequest> matching) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            FetchRequest r = subscriptions.poll(1, TimeUnit.SECONDS);
            if (r != null && matching.test(r)) {
                return r;
            }
        }
        throw new AssertionError("the hub did not subscribe as expected within 30 s");
    }

    @Override
    public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> answer) {
        answer.onNext(SchemaInfo.newBuilder().setSchemaId(request.getSchemaId()).setSchemaJson(SCHEMA).build());
        answer.onCompleted();
    }

    @Override
    public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> answer) {
        return new StreamObserver<>() {
            private boolean first = true;

            @Override
            public void onNext(FetchRequest request) {
                if (!first) {
                    return; // a later request of a subscription asks for more events
                }
                first = false; // the first says where to start
                String replayId = Base64.getEncoder().encodeToString(request.getReplayId().toByteArray());
                if (refused != null && refused.equals(replayId)) {
                    subscriptions.add(request);
                    Metadata trailers = new Metadata();
                    trailers.put(Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER),
                            PubSubApiClient.PUBSUB_ERROR_CORRUPTED_REPLAY_ID);
                    answer.onError(Status.INVALID_ARGUMENT.withDescription("The replay ID validation failed.").asRuntimeException(trailers));
                    return;
                }
                subscriber = answer; // before the test learns of the subscription, so that it delivers to this one
                subscriptions.add(request);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                answer.onCompleted();
            }
        };
    }

    /** A Case change event as Salesforce sends it (fields not in the change are null). */
    GenericRecord caseChange(String changeType, List<String> recordIds, long commitTimestamp) {
        GenericRecord header = new GenericData.Record(schema.getField("ChangeEventHeader").schema());
        header.put("entityName", "Case");
        header.put("recordIds", recordIds);
        header.put("changeType", new GenericData.EnumSymbol(header.getSchema().getField("changeType").schema(), changeType));
        header.put("changeOrigin", "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/");
        header.put("transactionKey", UUID.randomUUID().toString());
        header.put("sequenceNumber", 1);
        header.put("commitTimestamp", commitTimestamp);
        header.put("commitNumber", 11657372702432L);
        header.put("commitUser", "00558000000yFyDAAU");
        header.put("nulledFields", List.of());
        header.put("diffFields", List.of());
        header.put("changedFields", List.of("0x4400"));
        GenericRecord record = new GenericData.Record(schema);
        record.put("ChangeEventHeader", header);
        return record;
    }

    /** Delivers one event with this replay id (base64) to the current subscriber. */
    void deliver(GenericRecord event, String replayId) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(event, encoder);
        encoder.flush();
        ByteString replay = ByteString.copyFrom(Base64.getDecoder().decode(replayId));
        StreamObserver<FetchResponse> to = subscriber;
        if (to == null) {
            throw new AssertionError("no subscriber");
        }
        to.onNext(FetchResponse.newBuilder()
                .addEvents(ConsumerEvent.newBuilder().setReplayId(replay).setEvent(ProducerEvent.newBuilder()
                        .setId(UUID.randomUUID().toString()).setSchemaId(SCHEMA_ID).setPayload(ByteString.copyFrom(bytes.toByteArray()))))
                .setLatestReplayId(replay).setRpcId("rpc-test").setPendingNumRequested(99).build());
    }
}
