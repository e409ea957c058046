// NodeLogs: collectors over the API server's node proxy: journal units (crio, kubelet, ...) merged in time order, and
// log files such as the masters' audit logs, gzipped while streaming. Empty until that work lands.
