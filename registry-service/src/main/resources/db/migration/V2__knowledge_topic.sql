-- The Kafka topic id (a UUID Kafka gives each topic) that holds everything this database knows: when the
-- knowledge topic has another id (a new cluster, or the topic recreated), every entry is published again.
CREATE TABLE knowledge_topic (
    name     varchar(249) PRIMARY KEY,
    topic_id varchar(64)  NOT NULL
);
