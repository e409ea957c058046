import JSONCoding
import KubeClient

/// A small model of an etcd cluster, one member per control-plane node, and what `etcdctl ... -w json` prints of it.
struct EtcdModel: Sendable {
    /// One member.
    struct Member: Sendable {
        var id: UInt64
        var name: String
        var ip: String

        var peerURL: String { "https://\(ip):2380" }
        var clientURL: String { "https://\(ip):2379" }
    }

    var clusterID: UInt64
    var members: [Member]
    /// The leader's index in ``members``.
    var leader = 0
    var raftTerm: UInt64 = 7
    var raftIndex: UInt64 = 184_467
    var databaseSize: UInt64 = 92_409_856

    init(clusterID: UInt64, members: [Member]) {
        self.clusterID = clusterID
        self.members = members
    }

    func header(of member: Member) -> JSONValue {
        ["cluster_id": .number(String(clusterID)), "member_id": .number(String(member.id)),
            "revision": .number(String(raftIndex - 1000)), "raft_term": .number(String(raftTerm))]
    }

    /// `etcdctl member list -w json`.
    var memberList: JSONValue {
        ["header": header(of: members[leader]),
            "members": .array(members.map { member in
                ["ID": .number(String(member.id)), "name": .string(member.name),
                    "peerURLs": [.string(member.peerURL)], "clientURLs": [.string(member.clientURL)]]
            })]
    }

    /// `etcdctl endpoint status -w json`.
    var endpointStatus: JSONValue {
        .array(members.map { member in
            ["Endpoint": .string(member.clientURL),
                "Status": ["header": header(of: member), "version": "3.5.14", "dbSize": .number(String(databaseSize)),
                    "leader": .number(String(members[leader].id)), "raftIndex": .number(String(raftIndex)),
                    "raftTerm": .number(String(raftTerm)), "raftAppliedIndex": .number(String(raftIndex)),
                    "dbSizeInUse": .number(String(databaseSize / 2))]]
        })
    }

    /// `etcdctl endpoint health -w json`.
    var endpointHealth: JSONValue {
        .array(members.enumerated().map { index, member in
            ["endpoint": .string(member.clientURL), "health": true, "took": .string("\(8 + index).\(index)12ms")]
        })
    }

    /// `etcdctl alarm list -w json`: no alarm raised.
    var alarmList: JSONValue { ["header": header(of: members[leader])] }

    /// The answers of an `etcdctl` container, each as its command line and its JSON followed by a newline.
    var answers: [[String]: [UInt8]] {
        let outputs: [([String], JSONValue)] = [(["member", "list"], memberList), (["endpoint", "status"], endpointStatus),
            (["endpoint", "health"], endpointHealth), (["alarm", "list"], alarmList)]
        var answers: [[String]: [UInt8]] = [:]
        for (arguments, value) in outputs {
            answers[["etcdctl"] + arguments + ["-w", "json"]] = JSONWriter.bytes(of: value) + [UInt8(ascii: "\n")]
        }
        return answers
    }
}
