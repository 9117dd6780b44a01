extension MySQLFamily {
    /// As the session reads strings: a connection's dialect knows its sql_mode; a
    /// script assumes the server's default, where backslashes escape.
    public var stringsMayUseBackslashEscapes: Bool { backslashEscapes }
}
